// The search page: Pagefind's JavaScript API over the shards of the index, merged into one
// search. State lives in the URL (?q=…&country=…&sort=newest) so a search can be shared and the
// back button works. Text from the query or the index is never inserted as HTML.
const root = document.getElementById("search");
const shards = root.dataset.shards.split(" ").filter(Boolean);
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const sortSelect = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const partial = document.getElementById("search-partial");
const details = document.getElementById("search-filters");
const selects = Object.fromEntries(
  [...root.querySelectorAll("select[data-filter]")].map((el) => [el.dataset.filter, el]),
);
const PAGE = 20;
const REFERENCE_ID = /^\d{2}[a-z][a-z-]*\d+$/i;
let current = { take: async () => [], count: 0, shown: 0 };
let generation = 0;
let filtersLoaded = false;

// The shards merged into one Pagefind search (mergeIndex), each tagged with a "shard" filter
// so that searchShards can count hits per shard and ask one shard at a time. An open shard
// costs its page metadata once, and a chunk of its word index per query word in every
// search. A search that needs only a few shards (a reference ID, a rare name) runs in a
// second Pagefind of its own, so that it neither opens nor asks the many shards of a wide
// one. Each Pagefind starts again when most of what it merged is of no use to a search:
// merged shards are asked for every word.
const NARROW = 8;
const engines = [
  { name: "wide", module: null, merged: new Set() },
  { name: "narrow", module: null, merged: new Set() },
];
const seen = new Set(); // shards whose metadata the browser has fetched (cached since)
let queue = Promise.resolve();

function withPagefind(needed, use) {
  // Everything that touches Pagefind runs in one queue, so that no search or result is in
  // flight while shards are merged or Pagefind starts again. `needed` null: as it is.
  const turn = queue.then(async () => {
    if (!needed) return use();
    const engine = engines[needed.length <= NARROW ? 1 : 0];
    // Another module instance (the address differs), so another worker: two Pagefinds
    // sharing a worker corrupted each other's memory.
    engine.module ??= await import(`/pagefind/pagefind.js?${engine.name}`);
    const pf = engine.module;
    const extra = [...engine.merged].filter((shard) => !needed.includes(shard)).length;
    if (engine.name === "narrow" ? extra : extra > needed.length) {
      await pf.destroy();
      engine.merged.clear();
    }
    for (const shard of needed.filter((name) => !engine.merged.has(name))) {
      if (!engine.merged.size) {
        await pf.options({ basePath: `/pagefind/${shard}/`, excerptLength: 30, mergeFilter: { shard } });
      } else {
        await pf.mergeIndex(`/pagefind/${shard}/`, { mergeFilter: { shard } });
      }
      engine.merged.add(shard);
      seen.add(shard);
    }
    return use(pf, engine.merged);
  });
  queue = turn.catch(() => {});
  return turn;
}

// A word found in every period would open every shard: megabytes at the scale of the full
// release. So a search opens the shards that can match it up to a budget of index bytes
// (the site's search_budget_kb, priced from what the build wrote in directory.json), in
// the order of its results: newest periods first, oldest first when sorted so. It says
// which periods it left, and the reader can search them all (then kept in the address).
const BUDGET = Number(root.dataset.budget || 0) * 1000;
let everywhere = false;

function withinBudget(open, list, words, filters, sort) {
  // The shards of `open` (in period order) a search opens, and what the others would cost.
  if (everywhere || !BUDGET || !list?.costs) return { chosen: open, left: [], cost: 0 };
  const costs = new Map(list.shards.map((name, at) => [name, list.costs[at]]));
  const withFilters = filtersLoaded || Object.keys(filters).length > 0;
  const cost = (shard) => {
    const [meta, chunk, filter] = costs.get(shard) ?? [0, 0, 0];
    return (seen.has(shard) ? 0 : meta + (withFilters ? filter : 0)) + words * chunk;
  };
  let order = sort?.date === "asc" ? open.toReversed() : open;
  // Sorted by relevance, shards opened before cost only their chunks: they come first.
  if (!sort) order = [...order.filter((s) => seen.has(s)), ...order.filter((s) => !seen.has(s))];
  const chosen = new Set();
  let spent = 0;
  for (const shard of order) {
    spent += cost(shard);
    if (chosen.size && spent > BUDGET) break;
    chosen.add(shard);
  }
  const left = open.filter((shard) => !chosen.has(shard));
  return { chosen: open.filter((shard) => chosen.has(shard)), left, cost: left.reduce((sum, s) => sum + cost(s), 0) };
}

// The data of results, read in turn with searches (Pagefind could start again meanwhile).
const resultData = (results) => withPagefind(null, () => Promise.all(results.map((r) => r.data())));

// The word directory (generator/words.py): for each word Pagefind indexed, as it stored it
// (stemmed), the shards that hold it.
let directory = null;
const parts = new Map();

function listing() {
  directory ??= fetch("/search/words/directory.json").then((r) => (r.ok ? r.json() : null), () => null);
  return directory;
}

function part(name) {
  if (!parts.has(name)) {
    parts.set(name, (async () => {
      const response = await fetch(`/search/words/${name}`);
      const text = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text();
      return text.split("\n").map((line) => line.split("\t"));
    })());
  }
  return parts.get(name);
}

// Text as Pagefind reads a query: punctuation dropped, lower case, no accents.
const PUNCTUATION = /\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}/u;
const normal = (text) =>
  [...text].filter((c) => !PUNCTUATION.test(c)).join("").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
const queryWords = (query) => normal(query).split(/\s+/).filter(Boolean);

async function shardsHolding(word, list, stem) {
  // The shards with a word that begins with the word's stem (Pagefind matches so, to find
  // words as they are typed), or null when too many words begin so to be worth looking up.
  const stemmed = stem(word);
  const prefixes = word.startsWith(stemmed) ? [stemmed] : [stemmed, word];
  const found = new Set();
  for (const prefix of prefixes) {
    if (prefix.length < 2) return null;
    let at = Math.max(0, list.parts.findLastIndex(([first]) => first <= prefix));
    for (let read = 0; at < list.parts.length; at++, read++) {
      if (read > 0 && !list.parts[at][0].startsWith(prefix)) break;
      if (read === 3) return null;
      for (const [entry, spans] of await part(list.parts[at][1])) {
        if (!entry.startsWith(prefix)) continue;
        for (const span of spans.split(",")) {
          const [from, to = from] = span.split("-").map(Number);
          for (let n = from; n <= to; n++) found.add(list.shards[n]);
        }
      }
    }
  }
  return found;
}

async function shardsFor(query, filters, list, indexed) {
  // The shards of `indexed` that can hold every word of the query (all of them without a
  // directory), in period order, and within the year chosen.
  let names = indexed;
  if (filters.year) names = names.filter((name) => shardYears(name).includes(filters.year));
  if (!list || !query) return names;
  const { stem } = await import(root.dataset.stem);
  for (const found of await Promise.all(queryWords(query).map((word) => shardsHolding(word, list, stem)))) {
    if (found) names = names.filter((name) => found.has(name));
  }
  return names;
}

function periodOf(name, end) {
  // Where a shard's period begins (or, with `end`, ends), for the reader: 1960, May 2009.
  const decade = /^(\d{3})0s$/.exec(name);
  if (decade) return `${decade[1]}${end ? 9 : 0}`;
  const [year, part] = name.split("-");
  const quarter = /^q(\d)$/.exec(part || "");
  const month = quarter ? (Number(quarter[1]) - 1) * 3 + (end ? 3 : 1) : Number(part);
  if (!month) return year;
  return new Date(Date.UTC(Number(year), month - 1)).toLocaleString("en", { month: "long", year: "numeric", timeZone: "UTC" });
}

function shardYears(name) {
  // Shards are named by period (generator/search.py): 1960s, 2003, 2004-q1, 2009-05-f-j.
  const decade = /^(\d{3})0s$/.exec(name);
  if (decade) return Array.from({ length: 10 }, (_, i) => `${decade[1]}${i}`);
  return [name.slice(0, 4)];
}

async function matchesEveryWord(result, query) {
  // Whether the shard found each word of the query, or only fell back to a short word that
  // begins it. Pagefind falls back for a whole shard at once, so its best result tells.
  const terms = queryWords(query).filter((term) => term.length > 1);
  const data = await result.data();
  if (!terms.length || !data.locations?.length) return true;
  const words = data.content.split(/\s+/);
  const found = [...new Set(data.locations.map((at) => normal(words[at] || "")))];
  // A word found for a term shares at least its first three letters (a stemmed form does);
  // a fallback is a shorter word that begins it, like "s" or "qw".
  const shared = (a, b) => {
    let n = 0;
    while (n < a.length && a[n] === b[n]) n++;
    return n;
  };
  return terms.every((term) => found.some((word) => shared(word, term) >= Math.min(term.length, 3)));
}

function subtractCounts(total, counts) {
  for (const [name, values] of Object.entries(counts || {})) {
    for (const [value, count] of Object.entries(values)) if (total[name]?.[value]) total[name][value] -= count;
  }
  return total;
}

async function searchShards(query, filters, sort) {
  // One merged search gives the count per shard (the "shard" filter); shards that may only
  // have fallen back are checked; results come merged by score, or, sorted by date, from
  // the shards in period order, a shard at a time as the reader pages through them.
  const list = await listing();
  // The directory names the shards indexed: a build given a time limit leaves some to the
  // next (docs/search.md).
  const indexed = list ? shards.filter((name) => list.shards.includes(name)) : shards;
  const missing = shards.filter((name) => !indexed.includes(name));
  const all = await shardsFor(query, filters, list, indexed);
  if (!all.length) return { count: 0, filters: null, list: [], take: async () => [], left: [], missing };
  const { chosen: open, left, cost } = withinBudget(all, list, queryWords(query).length, filters, sort);
  const search = await withPagefind(open, (pf, merged) => mergedSearch(pf, merged, open, query, filters, sort));
  return { ...search, open, left, cost, all, missing };
}

async function mergedSearch(pf, merged, open, query, filters, sort) {
  // Pagefind counts the values of a filter within the results only once it has read that
  // filter's files: with the filters shown, read them for the shards open.
  if (filtersLoaded) await pf.filters();
  if (merged.size > open.length) filters = { ...filters, shard: { any: open } };
  const all = await pf.search(query || null, { filters, sort });
  const counts = { ...all.filters?.shard };
  const hits = open.filter((shard) => counts[shard] > 0);
  let kept = hits;
  let totals = all.filters || {};
  if (query) {
    // A shard that has every word exactly is fine; the others are asked on their own.
    const words = queryWords(query).filter((word) => word.length > 1);
    const exact = await Promise.all(words.map((word) => pf.search(`"${word}"`, { filters })));
    const has = (one, shard) => one.filters?.shard?.[shard] > 0;
    // A word found whole somewhere: a shard without it whole only fell back (or matched
    // longer words only, which are left out with it). A word found whole nowhere (typed in
    // part, misspelt): each doubtful shard's best result is checked.
    const found = exact.filter((one) => open.some((shard) => has(one, shard)));
    const partial = exact.filter((one) => !found.includes(one));
    const doubtful = kept.filter((shard) => exact.some((one) => !has(one, shard)));
    const dropped = await Promise.all(
      doubtful.map(async (shard) => {
        const one = await pf.search(query, { filters: { ...filters, shard } });
        if (!one.results.length) return null;
        if (found.some((word) => !has(word, shard))) return one;
        return partial.length && !(await matchesEveryWord(one.results[0], query)) ? one : null;
      }),
    );
    const gone = new Set(doubtful.filter((_, at) => dropped[at]));
    if (gone.size) {
      kept = kept.filter((shard) => !gone.has(shard));
      totals = dropped.filter(Boolean).reduce((total, one) => subtractCounts(total, one.filters), totals);
    }
  }
  const count = kept.reduce((sum, shard) => sum + counts[shard], 0);
  if (!sort?.date) {
    let list = all.results;
    if (!kept.length) list = [];
    else if (kept.length < hits.length) {
      list = (await pf.search(query || null, { filters: { ...filters, shard: { any: kept } } })).results;
    }
    return { count, filters: totals, list, take: async (start, n) => list.slice(start, start + n) };
  }
  const order = sort.date === "asc" ? kept.toReversed() : kept;
  const loaded = [];
  let next = 0;
  const take = async (start, n) => {
    while (loaded.length < start + n && next < order.length) {
      const shard = order[next++];
      const ask = (again) => again.search(query || null, { filters: { ...filters, shard }, sort });
      const one = await withPagefind(open, ask);
      loaded.push(...one.results);
    }
    return loaded.slice(start, start + n);
  };
  return { count, filters: totals, take };
}

function readState() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  everywhere = params.get("periods") === "all";
  for (const [name, select] of Object.entries(selects)) ensureOption(select, params.get(name) || "");
  sortSelect.value = params.get("sort") || "";
  if (Object.keys(selects).some((name) => params.get(name))) details.open = true;
}

function ensureOption(select, value) {
  if (value && ![...select.options].some((o) => o.value === value)) {
    select.append(new Option(value, value));
  }
  select.value = value;
}

function state() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const [name, select] of Object.entries(selects)) if (select.value) params.set(name, select.value);
  if (sortSelect.value) params.set("sort", sortSelect.value);
  if (everywhere) params.set("periods", "all");
  return params;
}

function saveState(push) {
  const query = state().toString();
  const url = `${location.pathname}${query ? "?" + query : ""}`;
  if (url === location.pathname + location.search) return;
  (push ? history.pushState : history.replaceState).call(history, null, "", url);
}

async function loadFilterCounts() {
  if (filtersLoaded) return;
  filtersLoaded = true;
  // Counts over the whole collection, written by the build (opening every shard to ask
  // Pagefind would download them all).
  const totals = await fetch("/search/filters.json").then((r) => (r.ok ? r.json() : null), () => null);
  fillFilters(totals ?? (await withPagefind(shards, (pf) => pf.filters())));
  if (state().toString()) run(); // counts within the current results replace the totals
}

function fillFilters(counts) {
  for (const [name, select] of Object.entries(selects)) {
    const chosen = select.value;
    const values = Object.entries(counts[name] || {});
    values.sort((a, b) => (name === "year" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0])));
    select.replaceChildren(select.options[0]);
    for (const [value, count] of values) select.append(new Option(`${value} (${count})`, value));
    ensureOption(select, chosen);
  }
}

function excerpt(html) {
  // Pagefind marks matches with <mark>; everything else is text. Parsed in an inert document.
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = document.createDocumentFragment();
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent);
    }
  }
  return out;
}

function paragraphOf(data) {
  // The numbered paragraph holding the first match: Pagefind lists every element with an id
  // (the paragraphs' parN anchors) with the word position where it starts.
  const paragraphs = (data.anchors || [])
    .filter((anchor) => anchor.id && /^par[0-9A-Z]+$/.test(anchor.id))
    .sort((a, b) => a.location - b.location);
  if (!paragraphs.length) return null;
  for (const location of [...(data.locations || [])].sort((a, b) => a - b)) {
    let holder = null;
    for (const paragraph of paragraphs) {
      if (paragraph.location <= location) holder = paragraph;
      else break;
    }
    if (holder) return holder;
  }
  return null;
}

function render(data) {
  const item = document.createElement("li");
  const title = document.createElement("a");
  title.href = data.url;
  title.className = "result-title";
  title.textContent = data.meta.title || data.meta.id || data.url;
  const line = document.createElement("p");
  line.className = "result-meta";
  const parts = [data.meta.id, data.meta.date, data.meta.origin, data.meta.classification];
  line.textContent = parts.filter(Boolean).join(" · ");
  const text = document.createElement("p");
  text.className = "result-excerpt";
  text.append(excerpt(data.excerpt || ""));
  item.append(title, line, text);
  const paragraph = paragraphOf(data);
  if (paragraph) {
    const link = document.createElement("a");
    link.href = `${data.url}#${paragraph.id}`;
    link.className = "result-paragraph";
    link.textContent = `Go to paragraph ${paragraph.id.slice(3)}`;
    item.append(link);
  }
  return item;
}

async function showMore(mine) {
  const slice = await current.take(current.shown, PAGE);
  const data = await resultData(slice);
  if (mine !== generation) return;
  list.append(...data.map(render));
  current.shown += slice.length;
  more.hidden = current.shown >= current.count;
}

function promoteReference(results, datas, query) {
  const wanted = query.toUpperCase();
  const at = datas.findIndex((data) => (data.meta.id || "") === wanted);
  return at > 0 ? [results[at], ...results.filter((_, i) => i !== at)] : results;
}

function size(bytes) {
  return bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function showScope(search, sort) {
  // Which periods a search left for the reader to ask for (withinBudget), and which are not
  // indexed yet.
  const { open, left = [], all, cost, missing = [] } = search;
  partial.hidden = !left.length && !missing.length;
  if (partial.hidden) return;
  let text = "";
  if (left.length) {
    const oldest = sort?.date === "asc";
    const order = oldest ? all.toReversed() : all;
    const run = order.slice(0, open.length).every((shard) => open.includes(shard));
    // The last shard searched and the next may be parts of one month (by station letters).
    const edge = oldest ? open[0] : open.at(-1);
    const next = order[open.length];
    const part = next && /-\d\d-/.test(edge) && next.slice(0, 7) === edge.slice(0, 7) ? "part of " : "";
    text = `Searched ${open.length} of the ${all.length} periods that may hold matches.`;
    if (run && oldest) text = `Searched the cables up to ${part}${periodOf(edge, true)}; later ones not yet.`;
    else if (run) text = `Searched the cables from ${part}${periodOf(edge)} on; earlier ones not yet.`;
  }
  if (missing.length) {
    const periods = `${missing.length} period${missing.length === 1 ? "" : "s"}`;
    text += `${text ? " " : ""}${periods} of the collection ${missing.length === 1 ? "is" : "are"} not indexed for search yet.`;
  }
  partial.querySelector("span").textContent = text;
  const button = partial.querySelector("button");
  button.hidden = !left.length;
  button.textContent = `Search every period (about ${size(cost)} more)`;
}

async function run() {
  const mine = ++generation;
  const query = input.value.trim();
  const filters = {};
  for (const [name, select] of Object.entries(selects)) if (select.value) filters[name] = select.value;
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = partial.hidden = true;
    status.textContent = "Type words to search, or choose a filter.";
    return;
  }
  status.textContent = "Searching…";
  const sort = sortSelect.value === "newest" ? { date: "desc" } : sortSelect.value === "oldest" ? { date: "asc" } : undefined;
  const search = await searchShards(query, filters, sort);
  if (mine !== generation) return;
  if (REFERENCE_ID.test(query) && search.list && search.count > 1) {
    const head = await resultData(search.list.slice(0, PAGE));
    const results = promoteReference(search.list, head, query);
    search.take = async (start, n) => results.slice(start, start + n);
  }
  current = { take: search.take, count: search.count, shown: 0 };
  list.replaceChildren();
  const count = search.count;
  status.textContent = `${count.toLocaleString("en")} cable${count === 1 ? "" : "s"} found`;
  showScope(search, sort);
  if (filtersLoaded && search.filters) fillFilters(search.filters);
  await showMore(mine);
  // Which search the page now answers, its first results shown (tests and benchmarks wait
  // for it).
  if (mine === generation) status.dataset.query = query;
}

let timer = null;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    saveState(false);
    // One or two letters begin words in every period: searching them while the reader is
    // still typing would open every shard. They are searched when the form is sent.
    const words = queryWords(input.value);
    if (words.length && words.every((word) => word.length < 3)) {
      generation++;
      partial.hidden = true;
      status.textContent = "Keep typing, or press Enter to search for words this short.";
      return;
    }
    run();
  }, 200);
});
for (const select of [...Object.values(selects), sortSelect]) {
  select.addEventListener("change", () => {
    saveState(true);
    run();
  });
}
details.addEventListener("toggle", () => details.open && loadFilterCounts());
form.addEventListener("submit", (event) => {
  event.preventDefault();
  saveState(true);
  run();
});
more.addEventListener("click", () => showMore(generation));
partial.querySelector("button").addEventListener("click", () => {
  everywhere = true;
  saveState(true);
  run();
});
window.addEventListener("popstate", () => {
  readState();
  run();
});

readState();
if (details.open) loadFilterCounts();
run();
