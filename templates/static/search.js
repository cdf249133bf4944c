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
const placesNote = document.getElementById("search-places");
const help = document.getElementById("search-help");
const details = document.getElementById("search-filters");
const selects = Object.fromEntries(
  [...root.querySelectorAll("select[data-filter]")].map((el) => [el.dataset.filter, el]),
);
const PAGE = 10;
const EXCERPT = 30; // words
const REFERENCE_ID = /^\d{2}[a-z][a-z-]*\d+$/i;
let current = { take: async () => [], count: 0, shown: 0 };
let generation = 0;
let filtersLoaded = false;
let labels = {}; // what each filter value means, by filter: {tag: {KNNP: "Nuclear Nonproliferation"}}

// The shards merged into one Pagefind search (mergeIndex), each tagged with a "shard" filter
// so that searchShards can count hits per shard and ask one shard at a time. An open shard
// costs its page metadata once, and a chunk of its word index per query word in every
// search. A search that needs only a few shards (a reference ID, a rare name) runs in a
// second Pagefind of its own, so that it neither opens nor asks the many shards of a wide
// one. Each Pagefind starts again when most of what it merged is of no use to a search
// (merged shards are asked for every word); the narrow one when more than one is.
const NARROW = 8;
const engines = [
  { name: "wide", module: null, merged: new Set() },
  { name: "narrow", module: null, merged: new Set() },
];
const seen = new Set(); // shards whose metadata the browser has fetched (cached since)
let queue = Promise.resolve();

function withPagefind(needed, use, width = needed?.length) {
  // Everything that touches Pagefind runs in one queue, so that no search or result is in
  // flight while shards are merged or Pagefind starts again. `needed` null: as it is.
  // `width`: how many shards the search will need, which chooses the Pagefind.
  const turn = queue.then(async () => {
    if (!needed) return use();
    const engine = engines[width <= NARROW ? 1 : 0];
    // Another module instance (the address differs), so another worker: two Pagefinds
    // sharing a worker corrupted each other's memory.
    engine.module ??= await import(`/pagefind/pagefind.js?${engine.name}`);
    const pf = engine.module;
    // The narrow one keeps one shard it no longer needs (that of the warm-up, most often):
    // asking it costs a small chunk a word, starting again several round trips.
    const extra = [...engine.merged].filter((shard) => !needed.includes(shard)).length;
    if (engine.name === "narrow" ? extra > 1 : extra > needed.length) {
      await pf.destroy();
      engine.merged.clear();
    }
    const fresh = needed.filter((name) => !engine.merged.has(name));
    if (fresh.length && !engine.merged.size) {
      const first = fresh.shift();
      await pf.options({ basePath: `/pagefind/${first}/`, excerptLength: EXCERPT, mergeFilter: { shard: first } });
      await pf.init();
      engine.merged.add(first);
      seen.add(first);
    }
    // Side by side: each shard's entry and metadata are a round trip or two on a slow link.
    await Promise.all(fresh.map((shard) => pf.mergeIndex(`/pagefind/${shard}/`, { mergeFilter: { shard } })));
    for (const shard of fresh) {
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

// The word directory (generator/search/words.py): for each word Pagefind indexed, as it
// stored it (stemmed), the shards that hold it.
let directory = null;
const parts = new Map();

function listing() {
  directory ??= fetch("/search/words/directory.json").then((r) => (r.ok ? r.json() : null), () => null);
  return directory;
}

async function gunzipped(url) {
  // The text of a file the build wrote in gzip (its size on the wire, whoever serves it).
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text();
}

function part(name) {
  if (!parts.has(name)) {
    const lines = gunzipped(`/search/words/${name}`).then((text) => text.split("\n").map((line) => line.split("\t")));
    parts.set(name, lines);
  }
  return parts.get(name);
}

const stemmer = () => import(root.dataset.stem);

// Text as Pagefind reads a query: punctuation dropped, lower case, no accents.
const PUNCTUATION = /\p{Pd}|\p{Pe}|\p{Pf}|\p{Pi}|\p{Po}|\p{Ps}/u;
const normal = (text) =>
  [...text].filter((c) => !PUNCTUATION.test(c)).join("").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
const queryWords = (query) => normal(query).split(/\s+/).filter(Boolean);

function prefixesOf(word, stem) {
  // What a word is looked up by: its stem, and the word itself where it does not begin so.
  const stemmed = stem(word);
  return word.startsWith(stemmed) ? [stemmed] : [stemmed, word];
}

function partsFor(prefix, list) {
  // The parts of the directory that hold the words beginning with `prefix` (null: too many).
  let at = Math.max(0, list.parts.findLastIndex(([first]) => first <= prefix));
  const names = [];
  for (let read = 0; at < list.parts.length; at++, read++) {
    if (read > 0 && !list.parts[at][0].startsWith(prefix)) break;
    if (read === 3) return null;
    names.push(list.parts[at][1]);
  }
  return names;
}

async function shardsHolding(word, list, stem) {
  // The shards with a word that begins with the word's stem (Pagefind matches so, to find
  // words as they are typed), or null when too many words begin so to be worth looking up.
  const found = new Set();
  for (const prefix of prefixesOf(word, stem)) {
    if (prefix.length < 2) return null;
    const names = partsFor(prefix, list);
    if (!names) return null;
    for (const name of names) {
      for (const [entry, spans] of await part(name)) {
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
  // directory), in period order, and within the year chosen; the words no shard holds; and
  // the words the directory answered for (every shard chosen holds a word they begin, so
  // that Pagefind finds them there and falls back to no shorter word).
  let names = indexed;
  if (filters.year) names = names.filter((name) => shardYears(name).includes(filters.year));
  if (!list || !query) return { names, absent: [], known: new Set() };
  const { stem } = await stemmer();
  const words = queryWords(query);
  const holders = await Promise.all(words.map((word) => shardsHolding(word, list, stem)));
  const absent = words.filter((_, at) => holders[at]?.size === 0);
  for (const found of holders) {
    if (found) names = names.filter((name) => found.has(name));
  }
  return { names, absent, known: new Set(words.filter((_, at) => holders[at])) };
}

// Other names of places (generator/search/place_names.py): `ulan bator` → Ulaanbaatar, by
// the first letter of the name. A name no cable holds is searched as the collection names
// the place; beside a name some cables hold, the collection's name is offered.
const placeParts = new Map();
const PLACE_WORDS = 5; // the longest other name, in words, looked for

function placeTable(letter) {
  if (!/^[a-z]$/.test(letter)) return Promise.resolve({}); // names are in Latin letters
  if (!placeParts.has(letter)) {
    placeParts.set(letter, gunzipped(`/search/places/${letter}.gz`).then(JSON.parse, () => ({})));
  }
  return placeParts.get(letter);
}

async function placeNames(query, list) {
  // The query to search (with names no cable holds put as the collection names them), what
  // was put so, and names offered beside names the cables hold: {query, put, offered}.
  const words = queryWords(query);
  const none = { query, put: [], offered: [] };
  if (!list || !words.length || REFERENCE_ID.test(query.trim())) return none;
  const tables = await Promise.all(words.map((word) => placeTable(word[0])));
  const { stem } = await stemmer();
  const held = async (text) => {
    const found = await Promise.all(queryWords(text).map((word) => shardsHolding(word, list, stem)));
    return found.every((shards) => shards === null || shards.size > 0);
  };
  const out = [];
  const put = [];
  const offered = [];
  for (let at = 0; at < words.length; ) {
    let match = null;
    for (let n = Math.min(PLACE_WORDS, words.length - at); n > 0 && !match; n--) {
      const name = words.slice(at, at + n).join(" ");
      if (tables[at][name]) match = { name, place: tables[at][name], n };
    }
    if (!match) {
      out.push(words[at++]);
      continue;
    }
    at += match.n;
    const [typed, named] = await Promise.all([held(match.name), held(match.place)]);
    if (!named) out.push(match.name);
    else if (typed) {
      out.push(match.name);
      offered.push(match);
    } else {
      out.push(normal(match.place));
      put.push(match);
    }
  }
  return { query: put.length ? out.join(" ") : query, put, offered };
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
  // Shards are named by period (generator/search/shards.py): 1960s, 2003, 2004-q1, 2009-05-f-j.
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
  const { names: all, absent, known } = await shardsFor(query, filters, list, indexed);
  if (!all.length) return { count: 0, filters: null, list: [], take: async () => [], left: [], missing, absent, all };
  const { chosen: open, left, cost } = withinBudget(all, list, queryWords(query).length, filters, sort);
  const search = await withPagefind(open, (pf, merged) => mergedSearch(pf, merged, open, query, filters, sort, known));
  return { ...search, open, left, cost, all, missing, absent };
}

async function counted(pf, merged, open, query, filters, known) {
  // One search of the shards open, and the count per shard and per filter value of the
  // shards that hold the query's words, not only words that begin them: {all, counts, kept,
  // totals}. Words the directory answered for (`known`) need no check.
  if (merged.size > open.length) filters = { ...filters, shard: { any: open } };
  const all = await pf.search(query || null, { filters });
  const counts = { ...all.filters?.shard };
  const hits = open.filter((shard) => counts[shard] > 0);
  let kept = hits;
  let totals = all.filters || {};
  if (query && queryWords(query).some((word) => word.length > 1 && !known.has(word))) {
    // A shard that has every word exactly is fine; the others are asked on their own.
    const words = queryWords(query).filter((word) => word.length > 1 && !known.has(word));
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
  return { all, counts, hits, kept, totals, filters };
}

async function mergedSearch(pf, merged, open, query, filters, sort, known) {
  // Pagefind counts the values of a filter within the results only once it has read that
  // filter's files: with the filters shown, read them for the shards open.
  if (filtersLoaded) await pf.filters();
  const { all, counts, hits, kept, totals, filters: asked } = await counted(pf, merged, open, query, filters, known);
  // A menu with a value chosen lists the values the reader could choose instead: its counts
  // are those of the search without it.
  if (filtersLoaded) {
    for (const name of Object.keys(filters)) {
      const { [name]: _, ...others } = filters;
      totals[name] = (await counted(pf, merged, open, query, others, known)).totals[name] || {};
    }
  }
  const count = kept.reduce((sum, shard) => sum + counts[shard], 0);
  if (!sort?.date) {
    let list = all.results;
    if (!kept.length) list = [];
    else if (kept.length < hits.length) {
      list = (await pf.search(query || null, { filters: { ...asked, shard: { any: kept } } })).results;
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
    select.append(new Option(label(select.dataset.filter, value), value));
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
  // Pagefind would download them all), and what each tag means.
  const written = await fetch("/search/filters.json").then((r) => (r.ok ? r.json() : null), () => null);
  labels = written?.labels ?? {};
  fillFilters(written?.counts ?? (await withPagefind(shards, (pf) => pf.filters())));
  if (state().toString()) run(); // counts within the current results replace the totals
}

function label(name, value, count) {
  // `KNNP: Nuclear Nonproliferation (12)`; a country or an origin by its name.
  const meaning = labels[name]?.[value];
  const text = meaning ? `${value}: ${meaning}` : value;
  return count === undefined ? text : `${text} (${count.toLocaleString("en")})`;
}

function fillFilters(counts) {
  // Only the values found in the results (all of them before a search), most frequent
  // first; years newest first. The value chosen stays, whatever its count.
  for (const [name, select] of Object.entries(selects)) {
    const chosen = select.value;
    const values = Object.entries(counts[name] || {}).filter(([value, count]) => count > 0 || value === chosen);
    if (name === "year") values.sort((a, b) => b[0].localeCompare(a[0]));
    else values.sort((a, b) => b[1] - a[1] || label(name, a[0]).localeCompare(label(name, b[0])));
    select.replaceChildren(select.options[0]);
    for (const [value, count] of values) select.append(new Option(label(name, value, count), value));
    ensureOption(select, chosen);
  }
}

// What a result shows of its cable: an excerpt of the cable's own words where the query
// matched best, and the numbered paragraph it comes from. Pagefind's own excerpt may run
// across paragraphs, or show the tags and places the page indexes for search only
// (#search-terms, generator/site/plan.py search_terms): the excerpt is made here from the words
// and match positions Pagefind gives. Pagefind lists every element with an id with the
// position of its first word and its text: the numbered paragraphs (parN), the heading of
// the text (#text) and the search terms.
const PARAGRAPH = /^par[0-9A-Za-z]+$/;

function densest(located, length) {
  // {at, score}: the first word of the run of `length` words whose matches score highest.
  const scores = new Map();
  for (const { location, balanced_score: score } of located) scores.set(location, (scores.get(location) || 0) + score);
  const at = [...scores.keys()].sort((a, b) => a - b);
  let best = { at: at[0], score: -1 };
  let sum = 0;
  for (let first = 0, next = 0; first < at.length; first++) {
    for (; next < at.length && at[next] < at[first] + length; next++) sum += scores.get(at[next]);
    if (sum > best.score) best = { at: at[first], score: sum };
    sum -= scores.get(at[first]);
  }
  return best;
}

function describe(data) {
  // {excerpt: [[word, marked]], before, after, paragraph (its id, or null), terms: [[[word, marked]]]}
  const words = data.content.split(/\s+/);
  const anchors = data.anchors || [];
  const place = (id) => anchors.find((anchor) => anchor.id === id)?.location;
  const termsAt = place("search-terms") ?? words.length;
  const bodyAt = place("text") ?? 0;
  // A paragraph ends where its text does; an anchor without text (an id on an element
  // left out of the index, such as the pilcrow link) where the next element with an id begins.
  const starts = anchors.map((anchor) => anchor.location).sort((a, b) => a - b);
  const end = (location, text) => {
    const length = (text || "").split(/\s+/).filter(Boolean).length;
    return Math.min(termsAt, length ? location + length : (starts.find((at) => at > location) ?? termsAt));
  };
  const paragraphs = anchors
    .filter((anchor) => PARAGRAPH.test(anchor.id))
    .map(({ id, location, text }) => ({ id, from: location, to: end(location, text) }));
  const located = (data.weighted_locations || []).filter((l) => l.location < words.length);
  const marked = new Set(located.map((l) => l.location));
  const span = (from, to, mark) => words.slice(from, to).map((word, at) => [word, mark && marked.has(from + at)]);
  const within = ({ from, to }) => located.filter((l) => l.location >= from && l.location < to);
  // Where the query matched best: a numbered paragraph; else the rest of the text; else
  // the references (a reference ID). The subject and reference ID are the result's title.
  let piece = null;
  let best = null;
  for (const paragraph of paragraphs) {
    const found = within(paragraph);
    const run = found.length && densest(found, EXCERPT);
    if (run && (!best || run.score > best.score)) [piece, best] = [paragraph, run];
  }
  for (const region of [{ id: null, from: bodyAt, to: termsAt }, { id: null, from: place("references") ?? bodyAt, to: bodyAt }]) {
    const found = !piece && within(region);
    if (found?.length) [piece, best] = [region, densest(found, EXCERPT)];
  }
  const terms = span(termsAt, words.length, true).reduce((items, word) => {
    if (word[0] === "\u00b7") items.push([]);
    else items.at(-1).push(word);
    return items;
  }, [[]]);
  if (!piece) {
    // Only the subject, the ID, or the tags and places matched: the opening of the text.
    const opening = paragraphs[0] ?? { from: bodyAt, to: termsAt };
    const to = Math.min(opening.to, opening.from + EXCERPT);
    const hits = piece === null && !within({ from: 0, to: termsAt }).length;
    return {
      excerpt: span(opening.from, to, false),
      before: false,
      after: to < opening.to,
      paragraph: null,
      terms: hits ? terms.filter((item) => item.some(([, hit]) => hit)) : [],
    };
  }
  // A little of what comes before the first match, within the piece.
  const first = within({ from: best.at, to: best.at + EXCERPT })[0].location;
  let from = Math.max(piece.from, Math.min(best.at, first - 5));
  const to = Math.min(piece.to, from + EXCERPT);
  from = Math.max(piece.from, to - EXCERPT);
  return {
    excerpt: span(from, to, true),
    before: from > piece.from,
    after: to < piece.to,
    paragraph: piece.id,
    terms: [],
  };
}

const EDGES = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;

function marked(words) {
  // Words as text, the matched ones in <mark> (without the punctuation around them).
  const out = document.createDocumentFragment();
  words.forEach(([word, hit], at) => {
    if (at) out.append(" ");
    if (!hit) return out.append(word);
    const [, before, core, after] = EDGES.exec(word);
    const mark = document.createElement("mark");
    mark.textContent = core;
    out.append(before, mark, after);
  });
  return out;
}

function render(data) {
  const item = document.createElement("li");
  const title = document.createElement("a");
  title.href = data.url;
  title.className = "result-title";
  title.textContent = data.meta.title || data.meta.id || data.url;
  const line = document.createElement("p");
  line.className = "result-meta";
  const facts = [data.meta.id, data.meta.date, data.meta.origin, data.meta.classification];
  line.textContent = facts.filter(Boolean).join(" · ");
  const shown = describe(data);
  const text = document.createElement("p");
  text.className = "result-excerpt";
  text.append(shown.before ? "… " : "", marked(shown.excerpt), shown.after ? " …" : "");
  item.append(title, line, text);
  if (shown.terms.length) {
    const terms = document.createElement("p");
    terms.className = "result-terms";
    terms.append("Found in its origin, countries or tags: ");
    shown.terms.forEach((words, at) => terms.append(at ? "; " : "", marked(words)));
    item.append(terms);
  }
  if (shown.paragraph) {
    const link = document.createElement("a");
    link.href = `${data.url}#${shown.paragraph}`;
    link.className = "result-paragraph";
    link.textContent = `Go to paragraph ${shown.paragraph.slice(3)}`;
    item.append(link);
  }
  return item;
}

const FIRST = 3; // results shown before the rest of a page: on a slow link they come sooner

async function showMore(mine) {
  const slice = await current.take(current.shown, PAGE);
  current.shown += slice.length;
  for (const part of [slice.slice(0, FIRST), slice.slice(FIRST)]) {
    const data = await resultData(part);
    if (mine !== generation) return;
    list.append(...data.map(render));
    // The first results of the search are shown (benchmarks wait for it).
    status.dataset.first = input.value.trim();
  }
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
  const { open = [], left = [], all, cost, missing = [] } = search;
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

function showPlaces(names) {
  // What the search made of other names of places: those put as the collection names them,
  // and the collection's name offered beside a name some cables hold.
  placesNote.replaceChildren();
  placesNote.hidden = !names.put.length && !names.offered.length;
  for (const { name, place } of names.put) {
    placesNote.append(`No cable here writes ${capitalised(name)}: searched for ${place}, the name they use. `);
  }
  for (const { name, place } of names.offered) {
    const link = document.createElement("a");
    const params = state();
    params.set("q", normal(input.value).replace(name, normal(place)));
    link.href = `?${params}`;
    link.textContent = `Search for ${place}`;
    placesNote.append(`Most cables here write ${capitalised(name)} as ${place}: `, link, ". ");
  }
}

const capitalised = (name) => name.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());

function quoted(words) {
  return words.map((word) => `“${word}”`).join(", ");
}

async function showHelp(mine, query, filters, sort, search) {
  // A search that found nothing says what to try: which word no cable holds; which filter
  // removed the last results (the count without each), and the words' count without any;
  // a way to clear the filters.
  const chosen = Object.keys(filters);
  const lines = [];
  const buttons = [];
  if (search.absent?.length) {
    lines.push(`No cable holds ${quoted(search.absent)}: check the spelling, or try another word.`);
  } else if (query && !chosen.length && !search.all?.length) {
    lines.push("No cable holds all of these words: try fewer of them.");
  }
  if (chosen.length) {
    const without = await Promise.all(
      chosen.map(async (name) => {
        const { [name]: _, ...others } = filters;
        return (await searchShards(query, others, sort)).count;
      }),
    );
    const alone = chosen.length > 1 && query ? (await searchShards(query, {}, sort)).count : null;
    if (mine !== generation) return;
    chosen.forEach((name, at) => {
      if (!without[at]) return;
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.drop = name;
      const cables = `${without[at].toLocaleString("en")} cable${without[at] === 1 ? "" : "s"}`;
      button.textContent = `Without ${selects[name].closest("label").firstChild.textContent.trim().toLowerCase()} ${label(name, filters[name])} (${cables})`;
      buttons.push(button);
    });
    const total = alone ?? (chosen.length === 1 ? without[0] : 0);
    if (query && total) {
      lines.push(`The words match ${total.toLocaleString("en")} cable${total === 1 ? "" : "s"} without the filters, none with all of them.`);
    } else if (!search.absent?.length) {
      lines.push("No cable matches all of the filters chosen.");
    }
    if (chosen.length > 1) {
      const clear = document.createElement("button");
      clear.type = "button";
      clear.dataset.drop = "";
      clear.textContent = "Clear filters";
      buttons.push(clear);
    }
  }
  if (mine !== generation) return;
  help.replaceChildren(...lines.map((text) => Object.assign(document.createElement("p"), { textContent: text })));
  if (buttons.length) {
    const row = document.createElement("p");
    buttons.forEach((button, at) => row.append(at ? " " : "", button));
    help.append(row);
  }
  help.hidden = !help.childNodes.length;
}

help.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-drop]");
  if (!button) return;
  for (const [name, select] of Object.entries(selects)) {
    if (!button.dataset.drop || button.dataset.drop === name) select.value = "";
  }
  saveState(true);
  run();
});

async function run() {
  const mine = ++generation;
  const query = input.value.trim();
  const filters = {};
  for (const [name, select] of Object.entries(selects)) if (select.value) filters[name] = select.value;
  help.hidden = true;
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = partial.hidden = placesNote.hidden = true;
    status.textContent = "Type words to search, or choose a filter.";
    return;
  }
  status.textContent = "Searching…";
  searched = true;
  searchedFor = query;
  const sort = sortSelect.value === "newest" ? { date: "desc" } : sortSelect.value === "oldest" ? { date: "asc" } : undefined;
  const names = await placeNames(query, await listing());
  const search = await searchShards(names.query, filters, sort);
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
  showPlaces(names);
  showScope(search, sort);
  if (filtersLoaded && search.filters) fillFilters(search.filters);
  await showMore(mine);
  if (!count) await showHelp(mine, names.query, filters, sort, search);
  // Which search the page now answers, its first results shown (tests and benchmarks wait
  // for it).
  if (mine === generation) status.dataset.query = query;
}

// The first search on a slow link waits for Pagefind's script, worker and WebAssembly, the
// word directory and the stemmer, and the newest shard's entry and metadata (where a search
// for a common word begins). They are fetched once the reader shows an intent to search
// (the box is focused or touched, or the page has loaded and the browser is idle), side by
// side: Pagefind would ask for them one after the other.
let warm = false;
const fetched = new Map(); // shard → its entry and metadata, fetched into the browser's cache

function fetchShard(shard) {
  // A shard's entry, then its page metadata, into the browser's cache, side by side with
  // Pagefind's own scripts: Pagefind, merging the shard, then finds the metadata there.
  if (!fetched.has(shard)) {
    const entry = fetch(`/pagefind/${shard}/pagefind-entry.json`).then((r) => r.json());
    const meta = entry.then(({ languages }) => fetch(`/pagefind/${shard}/pagefind.${languages.en.hash}.pf_meta`));
    fetched.set(shard, meta.then((r) => r.arrayBuffer(), () => null));
  }
  return fetched.get(shard);
}

let searched = false; // once a search has run, Pagefind holds what it needs
let searchedFor = null; // the query of the last search run

function warmUp() {
  if (warm) return;
  warm = true;
  stemmer();
  listing().then((list) => {
    const indexed = shards.filter((name) => !list || list.shards.includes(name));
    if (!indexed.length || searched) return;
    // Into the browser's cache (the worker is started, and fetches the WebAssembly, only
    // once Pagefind's script has come and read the shard's entry).
    for (const file of ["pagefind-worker.js", "wasm.en.pagefind"]) {
      fetch(`/pagefind/${indexed[0]}/${file}`).then((r) => r.arrayBuffer(), () => null);
    }
    fetchShard(indexed[0]);
    // The Pagefind a search for a common word would use: it opens the newest shards.
    const common = withinBudget(indexed, list, 1, {}, undefined).chosen.length;
    withPagefind([indexed[0]], () => null, common);
  });
}

// While the reader types a word, the shards it can be in are merged (their entry and page
// metadata fetched), and from its fifth letter on the index chunks of what is typed
// fetched (Pagefind's preload), so that the search, once the reader stops, has little left
// to fetch. A reference ID is not prepared so: its first letters begin the IDs of a whole
// year.
let preparing = null;

function prepare() {
  if (preparing) return;
  preparing = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const query = input.value.trim();
    const words = queryWords(query);
    const list = await listing();
    if (searchedFor === query || !list || !words.length || words.at(-1).length < 3 || /^\d\d/.test(words.at(-1))) return;
    const filters = {};
    for (const [name, select] of Object.entries(selects)) if (select.value) filters[name] = select.value;
    const indexed = shards.filter((name) => list.shards.includes(name));
    const { names } = await shardsFor(query, filters, list, indexed);
    if (!names.length) return;
    const sort = sortSelect.value ? { date: sortSelect.value === "oldest" ? "asc" : "desc" } : undefined;
    const { chosen } = withinBudget(names, list, words.length, filters, sort);
    chosen.forEach(fetchShard);
    // Five letters typed, the index chunks of the words they begin are mostly those of the
    // whole word (Pagefind's chunks are small: of fewer letters, they are other chunks).
    await withPagefind(chosen, (pf) => words.at(-1).length >= 5 && pf.preload(query));
  })().finally(() => {
    preparing = null;
  });
}

function lookAhead() {
  // While the reader types, the directory parts and place names of the words typed so far
  // (those of the whole word are the same or next to them).
  warmUp();
  Promise.all([listing(), stemmer()]).then(([list, { stem }]) => {
    if (!list) return;
    for (const word of queryWords(input.value)) {
      placeTable(word[0]);
      for (const prefix of prefixesOf(word, stem)) {
        if (prefix.length > 1) for (const name of partsFor(prefix, list) ?? []) part(name);
      }
    }
  });
  prepare();
}

for (const intent of ["focus", "pointerdown"]) input.addEventListener(intent, warmUp);
if ("requestIdleCallback" in window) requestIdleCallback(warmUp, { timeout: 2000 });
else setTimeout(warmUp, 1000);

let timer = null;
input.addEventListener("input", () => {
  lookAhead();
  clearTimeout(timer);
  timer = setTimeout(() => {
    saveState(false);
    // One or two letters begin words in every period: searching them while the reader is
    // still typing would open every shard. They are searched when the form is sent.
    const words = queryWords(input.value);
    if (words.length && words.every((word) => word.length < 3)) {
      generation++;
      partial.hidden = placesNote.hidden = help.hidden = true;
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
