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
const details = document.getElementById("search-filters");
const selects = Object.fromEntries(
  [...root.querySelectorAll("select[data-filter]")].map((el) => [el.dataset.filter, el]),
);
const PAGE = 20;
const REFERENCE_ID = /^\d{2}[a-z][a-z-]*\d+$/i;
let pagefind = null;
let current = { results: [], shown: 0 };
let generation = 0;
let filtersLoaded = false;

// The shards are merged into one Pagefind search (mergeIndex), each tagged with a "shard"
// filter so that the page can also ask one shard at a time: a shard that lacks a word falls
// back to words that begin it (the "s" of "(S)" for "Sharabiani"), and its results must not
// join the real ones; and the shards are periods, newest first, so results sorted by date
// are put together in shard order (Pagefind's merge orders them by score).
function engine() {
  // One promise, so that searches started together (a URL with filters opens the filter
  // counts too) do not merge every shard twice.
  pagefind ??= (async () => {
    const module = await import("/pagefind/pagefind.js");
    await module.options({ basePath: `/pagefind/${shards[0]}/`, excerptLength: 30, mergeFilter: { shard: shards[0] } });
    await Promise.all(shards.slice(1).map((shard) => module.mergeIndex(`/pagefind/${shard}/`, { mergeFilter: { shard } })));
    return module;
  })();
  return pagefind;
}

const normal = (word) => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

async function matchesEveryWord(result, query) {
  // Whether the shard found each word of the query, or only fell back to a short word that
  // begins it. Pagefind falls back for a whole shard at once, so its best result tells.
  const terms = query.split(/\s+/).map(normal).filter((term) => term.length > 1);
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

function addCounts(total, counts) {
  for (const [name, values] of Object.entries(counts || {})) {
    total[name] ??= {};
    for (const [value, count] of Object.entries(values)) total[name][value] = (total[name][value] || 0) + count;
  }
  return total;
}

async function searchShards(query, filters, sort) {
  const pf = await engine();
  const all = await pf.search(query || null, { filters, sort });
  if (!query && !sort) return all;
  const counts = all.filters?.shard || {};
  const found = await Promise.all(
    shards
      .filter((shard) => counts[shard] > 0)
      .map(async (shard) => {
        const one = await pf.search(query || null, { filters: { ...filters, shard }, sort });
        const results = one?.results || [];
        if (query && results.length && !(await matchesEveryWord(results[0], query))) return null;
        return { results, filters: one.filters };
      }),
  );
  const kept = found.filter(Boolean);
  let results;
  if (sort?.date === "desc") results = kept.flatMap((shard) => shard.results);
  else if (sort?.date === "asc") results = kept.toReversed().flatMap((shard) => shard.results);
  else results = kept.flatMap((shard) => shard.results).sort((a, b) => b.score - a.score);
  return { results, filters: kept.reduce((total, shard) => addCounts(total, shard.filters), {}) };
}

function readState() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
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
  fillFilters(await (await engine()).filters());
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

async function showMore(results, mine) {
  const slice = results.slice(current.shown, current.shown + PAGE);
  const data = await Promise.all(slice.map((result) => result.data()));
  if (mine !== generation) return;
  list.append(...data.map(render));
  current.shown += slice.length;
  more.hidden = current.shown >= results.length;
}

function promoteReference(results, datas, query) {
  const wanted = query.toUpperCase();
  const at = datas.findIndex((data) => (data.meta.id || "") === wanted);
  return at > 0 ? [results[at], ...results.filter((_, i) => i !== at)] : results;
}

async function run() {
  const mine = ++generation;
  const query = input.value.trim();
  const filters = {};
  for (const [name, select] of Object.entries(selects)) if (select.value) filters[name] = select.value;
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Type words to search, or choose a filter.";
    return;
  }
  status.textContent = "Searching…";
  const sort = sortSelect.value === "newest" ? { date: "desc" } : sortSelect.value === "oldest" ? { date: "asc" } : undefined;
  const search = await searchShards(query, filters, sort);
  if (mine !== generation) return;
  let results = search.results;
  if (REFERENCE_ID.test(query) && results.length > 1) {
    const head = await Promise.all(results.slice(0, PAGE).map((r) => r.data()));
    results = promoteReference(results, head, query);
  }
  current = { results, shown: 0 };
  list.replaceChildren();
  const count = results.length;
  status.textContent = `${count.toLocaleString("en")} cable${count === 1 ? "" : "s"} found`;
  if (filtersLoaded && search.filters) fillFilters(search.filters);
  await showMore(results, mine);
}

let timer = null;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    saveState(false);
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
more.addEventListener("click", () => showMore(current.results, generation));
window.addEventListener("popstate", () => {
  readState();
  run();
});

readState();
if (details.open) loadFilterCounts();
run();
