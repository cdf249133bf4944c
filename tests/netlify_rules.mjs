// netlify.toml's redirects and headers as Netlify itself reads and applies them, with its own
// packages (@netlify/redirect-parser, netlify-redirector, @netlify/headers-parser; package.json).
// For tests/test_netlify.py:
//
//     node tests/netlify_rules.mjs netlify.toml < request.json
//
// request: {"redirects": [path, ...], "headers": [path, ...]}
// answer:  {"errors": [...], "redirects": {path: {to, status, force} or null},
//           "headers": {path: {name: [value, ...]}}}: every value each header name (lower
//           case) gets from the rules matching the path (Netlify sends them all).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { parseAllHeaders } from "@netlify/headers-parser";
import { parseAllRedirects } from "@netlify/redirect-parser";

const require = createRequire(import.meta.url);
const redirector = require("netlify-redirector");

const config = process.argv[2];
const request = JSON.parse(readFileSync(0, "utf-8"));
const options = { netlifyConfigPath: config, minimal: false };

const parsedRedirects = await parseAllRedirects({
  ...options,
  redirectsFiles: [],
  configRedirects: [],
});
// The matcher names a rule's `from` `origin` and its `query` `params`, as Netlify's CLI does.
const rules = parsedRedirects.redirects.map(({ from, query, ...rule }) => ({
  ...rule,
  origin: from,
  params: query,
}));
const matcher = await redirector.parseJSON(JSON.stringify(rules), {});

const redirects = {};
for (const path of request.redirects ?? []) {
  const match = matcher.match({
    scheme: "https",
    host: "cablegate.netlify.app",
    path,
    query: "",
    getHeader: () => "",
    getCookie: () => "",
  });
  redirects[path] = match && { to: match.to, status: match.status, force: match.force };
}

const parsedHeaders = await parseAllHeaders({ ...options, headersFiles: [], configHeaders: [] });
const headers = {};
for (const path of request.headers ?? []) {
  const values = {};
  for (const rule of parsedHeaders.headers) {
    if (rule.forRegExp.test(path)) {
      for (const [name, value] of Object.entries(rule.values)) {
        (values[name.toLowerCase()] ??= []).push(value);
      }
    }
  }
  headers[path] = values;
}

const errors = [...parsedRedirects.errors, ...parsedHeaders.errors].map(String);
process.stdout.write(JSON.stringify({ errors, redirects, headers }));
