// detente's web page: one module, no framework, d3 for the charts.
//
// Views are hash routes (#/timeline?actor=RUS, #/article/ID?focus=quote:ID);
// every filter lives in the hash, so a view can be bookmarked and the back
// button works. Everything the page shows from the store (titles, article
// text, quotes, names) goes into the DOM as text (textContent, d3's .text(),
// text nodes): never as HTML. The page runs under the app's
// Content-Security-Policy: no inline scripts or styles, no eval, same-origin
// requests only.

const API = "api/";
const PAGE_SIZE = 50;
const CHART_CAP = 2000; // the most rows the map and the pair chart fetch (500 a request)
const VENDOR = "static/vendor/";

const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
const STATUSES = ["occurred", "ongoing", "scheduled", "hypothetical", "negated"];
const QUADS = [
  { quad: 1, label: "verbal cooperation" },
  { quad: 2, label: "material cooperation" },
  { quad: 3, label: "verbal conflict" },
  { quad: 4, label: "material conflict" },
];

// The kinds of record an article view highlights, outermost first when two
// spans are the same (an event's sentence holds the rest).
const KINDS = [
  { kind: "event", label: "Events", on: true },
  { kind: "quote", label: "Quotes", on: true },
  { kind: "stance", label: "Stances", on: true },
  { kind: "claim", label: "Claims", on: true },
  { kind: "actor", label: "Actors", on: true },
  { kind: "place", label: "Places", on: true },
  { kind: "time", label: "Times", on: true },
  { kind: "mention", label: "Entity mentions", on: false },
];
const KIND_ORDER = Object.fromEntries(KINDS.map((k, i) => [k.kind, i]));

const $view = document.getElementById("view");
const $error = document.getElementById("error");
const $empty = document.getElementById("empty");
let generation = 0; // bumped by every render: late answers of an old view are dropped
const simulations = []; // the network's force layouts, stopped when the view changes

// -- small helpers -------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes. */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svgSize(container, height) {
  return { width: Math.max(480, Math.floor(container.clientWidth || 900)), height };
}

function fmt(value, digits = 1) {
  return value === null || value === undefined ? "—" : Number(value).toFixed(digits);
}

function actorLabel(ref) {
  if (!ref) return "";
  const name = ref.name || ref.code || "?";
  return ref.code && ref.code !== name ? `${name} (${ref.code})` : name;
}

function actorsText(actors, recipients) {
  const left = (actors || []).map(actorLabel).join(", ") || "—";
  const right = (recipients || []).map(actorLabel).join(", ");
  return right ? `${left} → ${right}` : left;
}

function placeText(place) {
  if (!place) return "";
  return [place.name || place.text, place.country].filter(Boolean).join(", ");
}

function articleHash(id, focus) {
  const params = new URLSearchParams();
  if (focus) params.set("focus", focus);
  const query = params.toString();
  return `#/article/${encodeURIComponent(id)}${query ? `?${query}` : ""}`;
}

/** Only web links from the store become clickable. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A quad class's colour: app.css's --quad-1 .. --quad-4 (blues for
 * cooperation, orange and red for conflict), --quad-0 for none. */
function quadColour(quad) {
  const style = getComputedStyle(document.documentElement);
  return style.getPropertyValue(`--quad-${quad || 0}`).trim() || "#999999";
}

// -- the API ---------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** GET an API path; empty parameters are left out. Errors come from the
 * API's envelope {"error": {"status", "code", "message"}}. */
async function api(path, params = {}) {
  const url = new URL(API + path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError(0, "network", `the API could not be reached (${err.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = (body && body.error) || {};
    throw new ApiError(error.status || response.status, error.code || "http",
      error.message || response.statusText || "request failed");
  }
  return body;
}

/** Every item of a list endpoint, up to CHART_CAP. */
async function fetchAll(path, params) {
  const items = [];
  let last = {};
  for (let offset = 0; offset < CHART_CAP; offset += 500) {
    last = await api(path, { ...params, limit: 500, offset });
    items.push(...last.items);
    if (items.length >= last.total || last.items.length === 0) break;
  }
  // The last page's other fields (too_coarse, undated, ...) describe the whole list.
  return { ...last, items, total: last.total || 0 };
}

function showError(err) {
  $error.hidden = false;
  $error.replaceChildren();
  if (err instanceof ApiError) {
    $error.append(h("strong", { text: `API error ${err.status} (${err.code}): ` }), err.message);
  } else {
    $error.append(h("strong", { text: "Error: " }), String(err && err.message ? err.message : err));
  }
}

function clearError() {
  $error.hidden = true;
  $error.replaceChildren();
}

// -- routes ----------------------------------------------------------------------------

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const cut = raw.indexOf("?");
  const path = cut < 0 ? raw : raw.slice(0, cut);
  const params = new URLSearchParams(cut < 0 ? "" : raw.slice(cut + 1));
  const [view, ...rest] = path.split("/");
  return { view: view || "timeline", id: rest.length ? decodeURIComponent(rest.join("/")) : null, params };
}

function go(view, params, id = null) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const target = `#/${view}${id ? `/${encodeURIComponent(id)}` : ""}${query.toString() ? `?${query}` : ""}`;
  if (location.hash === target) render();
  else location.hash = target;
}

const VIEWS = {
  timeline: renderTimeline,
  pairs: renderPairs,
  network: renderNetwork,
  map: renderMap,
  quotes: renderQuotes,
  articles: renderArticles,
  article: renderArticle,
};

async function render() {
  const { view, id, params } = parseHash();
  const run = VIEWS[view] ? view : "timeline";
  const gen = ++generation;
  clearError();
  for (const tab of document.querySelectorAll("#tabs a")) {
    if (tab.dataset.view === (run === "article" ? "articles" : run)) {
      tab.setAttribute("aria-current", "page");
      document.title = `${tab.textContent} · detente`;
    } else {
      tab.removeAttribute("aria-current");
    }
  }
  for (const simulation of simulations.splice(0)) simulation.stop();
  $view.replaceChildren();
  $view.dataset.view = run;
  if (typeof window.d3 === "undefined") {
    showError(new Error("the page's JavaScript libraries are missing: run python -m detente.web.assets and reload"));
    return;
  }
  try {
    await VIEWS[run]({ id, params, gen, stale: () => gen !== generation });
  } catch (err) {
    if (gen === generation) showError(err);
  }
  // What the browser tests wait for: this route has been drawn.
  if (gen === generation) $view.dataset.rendered = location.hash;
}

// -- shared view parts -----------------------------------------------------------------

const FIELDS = {
  actor: { label: "Actor", placeholder: "RUS or a name", list: "actor-names" },
  // The pair series are by code: no names here.
  pair_actor: { name: "actor", label: "Actor code", placeholder: "RUS", list: "actor-codes" },
  counterpart: { label: "Counterpart code", placeholder: "USA (optional)", list: "actor-codes" },
  speaker: { label: "Speaker", placeholder: "Sherman", list: "speaker-names" },
  type: { label: "Type", options: ["", ...PLOVER_TYPES] },
  status: { label: "Status", options: ["", ...STATUSES] },
  date_from: { label: "From", input: "date" },
  date_to: { label: "To", input: "date" },
  q: { label: "Text", placeholder: "words in the text", input: "search" },
  min_articles: { label: "Min. articles", input: "number" },
  direct: { label: "Quotes", options: [["", "all"], ["true", "direct"], ["false", "reported"]] },
  unit: { label: "Show", options: [["event", "events"], ["happening", "happenings"]] },
  period: { label: "Per", options: [["day", "day"], ["week", "week"]] },
  pair_period: { name: "period", label: "Period", options: [["day", "day"], ["week", "week"], ["month", "month"]] },
  pair_unit: { name: "unit", label: "Count", options: [["happening", "happenings"], ["event", "events"]] },
  measure: { label: "Measure", options: [["score_mean", "mean score"], ["score_sum", "summed score"]] },
};

/** The filter form of a view: its fields prefilled from the hash; submitting
 * puts the values in the hash (from the first page). */
function filterForm(view, names, params, defaults = {}) {
  const form = h("form", { class: "filters", "aria-label": "Filters" });
  for (const key of names) {
    const spec = FIELDS[key];
    const name = spec.name || key;
    const id = `f-${view}-${name}`;
    const value = params.get(name) ?? defaults[name] ?? "";
    let control;
    if (spec.options) {
      control = h("select", { id, name });
      for (const option of spec.options) {
        const [val, label] = Array.isArray(option) ? option : [option, option || "any"];
        control.append(h("option", { value: val, selected: val === value, text: label }));
      }
    } else {
      control = h("input", {
        id, name, type: spec.input || "text", value, placeholder: spec.placeholder,
        list: spec.list, min: spec.input === "number" ? 1 : null, autocomplete: "off",
      });
    }
    form.append(h("label", { for: id, class: "field" }, h("span", { text: spec.label }), control));
  }
  form.append(
    h("button", { type: "submit", class: "primary", text: "Apply" }),
    h("button", {
      type: "button", text: "Clear", onclick: () => go(view, defaults),
    }),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = {};
    for (const [key, value] of new FormData(form).entries()) {
      if (String(value).trim() !== "") values[key] = String(value).trim();
    }
    go(view, values);
  });
  return form;
}

/** The API parameters of the hash's filters (page size and offset added). */
function listParams(params, names, extra = {}) {
  const out = {};
  for (const name of names) {
    const value = params.get(name);
    if (value) out[name] = value;
  }
  return { ...out, ...extra };
}

function pager(view, params, page) {
  const { total, offset } = page;
  const limit = page.limit || PAGE_SIZE;
  const nav = h("nav", { class: "pager", "aria-label": "Pages" });
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const move = (to) => {
    const values = Object.fromEntries(params.entries());
    values.offset = to > 0 ? String(to) : "";
    go(view, values);
  };
  nav.append(
    h("button", { type: "button", disabled: offset <= 0, text: "← Previous", onclick: () => move(Math.max(0, offset - limit)) }),
    h("span", { class: "count", text: `${first}–${last} of ${total}` }),
    h("button", { type: "button", disabled: last >= total, text: "Next →", onclick: () => move(offset + limit) }),
  );
  return nav;
}

function emptyNote(text = "Nothing matches these filters.") {
  return h("p", { class: "none", text });
}

function quadLegend() {
  return h("ul", { class: "legend" }, QUADS.map((q) => h("li", {},
    h("span", { class: `swatch quad-${q.quad}` }), `${q.quad} ${q.label}`)));
}

let actorNames = null; // the datalists' options, fetched once
async function fillDatalists() {
  if (actorNames) return;
  actorNames = api("actors", { limit: 500 }).then((page) => page.items).catch(() => []);
  const items = await actorNames;
  const actors = h("datalist", { id: "actor-names" });
  const codes = h("datalist", { id: "actor-codes" });
  const speakers = h("datalist", { id: "speaker-names" });
  const seen = new Set();
  const seenCodes = new Set();
  for (const item of items) {
    for (const value of [item.code, item.name]) {
      if (value && !seen.has(value)) {
        seen.add(value);
        actors.append(h("option", { value }));
      }
    }
    if (item.code && !seenCodes.has(item.code)) {
      seenCodes.add(item.code);
      codes.append(h("option", { value: item.code, label: item.name }));
    }
    if (item.type === "person" && item.name) speakers.append(h("option", { value: item.name }));
  }
  document.body.append(actors, codes, speakers);
}

// -- dates -----------------------------------------------------------------------------

const DAY_MS = 86400000;

function parseDay(value) {
  return new Date(`${value}T00:00:00Z`);
}

function dayKey(date) {
  return date.toISOString().slice(0, 10);
}

function weekKey(date) {
  return d3.utcFormat("%G-W%V")(date);
}

/** The Monday of an ISO week "2022-W02". */
function weekMonday(key) {
  const [year, week] = key.split("-W").map(Number);
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return new Date(jan4 - weekday * DAY_MS + (week - 1) * 7 * DAY_MS);
}

function periodRange(key, period) {
  const start = period === "day" ? parseDay(key) : weekMonday(key);
  const end = new Date(start.getTime() + (period === "day" ? 0 : 6 * DAY_MS));
  return [dayKey(start), dayKey(end)];
}

/** Every period from the first key to the last, gaps included (over more
 * than 400 periods, only those with records). */
function periodsBetween(keys, period) {
  if (!keys.length) return [];
  const starts = keys.map((k) => (period === "day" ? parseDay(k) : weekMonday(k)));
  const lo = d3.min(starts).getTime();
  const hi = d3.max(starts).getTime();
  const step = period === "day" ? DAY_MS : 7 * DAY_MS;
  if ((hi - lo) / step > 400) return keys.slice().sort();
  const out = [];
  for (let t = lo; t <= hi; t += step) {
    const date = new Date(t);
    out.push(period === "day" ? dayKey(date) : weekKey(date));
  }
  return out;
}

// -- 1. timeline -----------------------------------------------------------------------

const TIMELINE_FILTERS = ["actor", "type", "status", "date_from", "date_to", "q"];

async function renderTimeline({ params, stale }) {
  const unit = params.get("unit") === "happening" ? "happening" : "event";
  const period = params.get("period") === "day" ? "day" : "week";
  const path = unit === "happening" ? "happenings" : "events";
  const names = unit === "happening" ? [...TIMELINE_FILTERS, "min_articles"] : TIMELINE_FILTERS;
  const filters = listParams(params, names);
  const offset = Number(params.get("offset")) || 0;
  fillDatalists();

  const chart = h("figure", { class: "chart", id: "timeline-chart" });
  const table = h("div", { class: "results", id: "timeline-results" });
  $view.append(
    h("h2", { text: unit === "happening" ? "Timeline of happenings" : "Timeline of events" }),
    filterForm("timeline", ["unit", "period", ...names], params, { unit: "event", period: "week" }),
    chart, table,
  );
  // The chart: the API's counts per period (every matching record, counted
  // by the store); the table: one page of the records.
  const [counts, page] = await Promise.all([
    api(`${path}/counts`, { ...filters, period }),
    api(path, { ...filters, limit: PAGE_SIZE, offset }),
  ]);
  if (stale()) return;
  drawTimelineChart(chart, counts, { unit, period, params });
  table.append(timelineTable(unit, page.items), pager("timeline", params, page));
}

function drawTimelineChart(figure, counts, { unit, period, params }) {
  const cells = new Map(); // period -> {1: n, 2: n, 3: n, 4: n, 0: n (no quad class)}
  for (const item of counts.items) {
    cells.set(item.period, {
      1: item.q1, 2: item.q2, 3: item.q3, 4: item.q4, 0: item.n - item.q1 - item.q2 - item.q3 - item.q4,
    });
  }
  const keys = periodsBetween([...cells.keys()], period);
  const rows = keys.map((key) => ({ key, ...(cells.get(key) || { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 }) }));
  const what = unit === "happening" ? "happenings" : "events";
  const notes = [];
  if (counts.too_coarse) notes.push(`${counts.too_coarse} with no date or one coarser than a ${period} are not charted`);
  figure.append(h("figcaption", {},
    h("span", { text: `${what[0].toUpperCase()}${what.slice(1)} per ${period}, by quad class. ` }),
    notes.length ? h("span", { class: "note", text: `(${notes.join("; ")}.) ` }) : null,
    quadLegend()));
  if (!rows.length) {
    figure.append(emptyNote(`No dated ${what} to chart.`));
    return;
  }
  const { width, height } = svgSize(figure, 240);
  const margin = { top: 10, right: 12, bottom: 40, left: 40 };
  const stack = d3.stack().keys([1, 2, 3, 4, 0])(rows);
  const x = d3.scaleBand().domain(keys).range([margin.left, width - margin.right]).padding(0.15);
  const y = d3.scaleLinear()
    .domain([0, d3.max(rows, (r) => r[0] + r[1] + r[2] + r[3] + r[4]) || 1]).nice()
    .range([height - margin.bottom, margin.top]);
  const svg = d3.select(figure).append("svg")
    .attr("viewBox", `0 0 ${width} ${height}`).attr("role", "img")
    .attr("aria-label", `${what} per ${period}`);
  const every = Math.ceil(keys.length / Math.max(1, Math.floor((width - 60) / 70)));
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).tickValues(keys.filter((_, i) => i % every === 0)));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(5).tickFormat(d3.format("d")));
  const layer = svg.append("g").selectAll("g").data(stack).join("g")
    .attr("fill", (s) => quadColour(s.key));
  layer.selectAll("rect").data((s) => s.map((d) => ({ d, quad: s.key }))).join("rect")
    .attr("class", "bar")
    .attr("data-period", ({ d }) => d.data.key)
    .attr("data-quad", ({ quad }) => quad)
    .attr("data-n", ({ d }) => d[1] - d[0])
    .attr("x", ({ d }) => x(d.data.key))
    .attr("width", x.bandwidth())
    .attr("y", ({ d }) => y(d[1]))
    .attr("height", ({ d }) => Math.max(0, y(d[0]) - y(d[1])))
    .on("click", (_, { d }) => {
      const [from, to] = periodRange(d.data.key, period);
      go("timeline", { ...Object.fromEntries(params.entries()), date_from: from, date_to: to, offset: "" });
    })
    .append("title")
    .text(({ d, quad }) => `${d.data.key}: ${d[1] - d[0]} ${quad ? `quad ${quad}` : "without a quad"}`
      + ` (${d.data[1] + d.data[2] + d.data[3] + d.data[4] + d.data[0]} ${what}); click to show this ${period}`);
}

/** An article of a happening (/api/happenings, /api/map), its event highlighted. */
function happeningArticleHash(article) {
  return articleHash(article.id, article.event_id ? `event:${article.event_id}` : null);
}

function timelineTable(unit, items) {
  if (!items.length) return emptyNote();
  const happening = unit === "happening";
  const head = ["Date", "Type", "Actors → recipients", "Status", "Place",
    happening ? "Articles" : "Trigger", happening ? "Reported in" : "Evidence"];
  const body = items.map((item) => {
    const type = item.mode ? `${item.type} · ${item.mode}` : item.type;
    let link;
    if (happening) {
      const articles = item.articles || [];
      link = articles.length
        ? h("a", { href: happeningArticleHash(articles[0]), text: articles[0].title || "article" })
        : "—";
    } else {
      link = h("a", { href: articleHash(item.article_id, `event:${item.id}`), text: "open article" });
    }
    return h("tr", { dataset: { id: item.id, type: item.type, quad: item.quad ?? "" } },
      h("td", { class: "c-date", text: item.date || "—" }),
      h("td", { class: "c-type" }, h("span", { class: `quad-tag quad-${item.quad || 0}`, text: type })),
      h("td", { class: "c-actors", text: actorsText(item.actor, item.recipient) }),
      h("td", { class: "c-status", text: item.status || "—" }),
      h("td", { class: "c-place", text: placeText(item.location) || "—" }),
      h("td", { class: happening ? "c-articles" : "c-trigger", text: happening ? item.num_articles : item.trigger }),
      h("td", { class: "c-link" }, link));
  });
  return h("table", { class: "records", id: "timeline-table" },
    h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col", text: t })))),
    h("tbody", {}, body));
}

// -- 2. actor pairs --------------------------------------------------------------------

async function renderPairs({ params, stale }) {
  const measure = params.get("measure") === "score_sum" ? "score_sum" : "score_mean";
  fillDatalists();
  const figure = h("figure", { class: "chart", id: "pairs-chart" });
  const table = h("div", { class: "results", id: "pairs-results" });
  $view.append(
    h("h2", { text: "Actor pairs: conflict and cooperation over time" }),
    filterForm("pairs", ["pair_actor", "counterpart", "pair_period", "pair_unit", "measure", "date_from", "date_to"],
      params, { period: "week", unit: "happening", measure: "score_mean" }),
    figure, table,
  );
  // The API keeps the pairs between the actor and the counterpart (both ways).
  const filters = listParams(params, ["actor", "counterpart", "period", "unit", "date_from", "date_to"], {
    period: params.get("period") || "week", unit: params.get("unit") || "happening",
  });
  const all = await fetchAll("dyads", filters);
  if (stale()) return;
  const rows = all.items;
  // Happenings (or events) with no date at all are in no series: say how
  // many, and why, rather than blaming the actors.
  const what = filters.unit === "event" ? "events" : "happenings";
  const undated = all.undated
    ? `${all.undated} ${what} of ${filters.actor || filters.counterpart ? "these actors" : "coded actor pairs"} have no date `
      + "(their articles have no publication date), so no series holds them; ingest such articles with "
      + "--published YYYY-MM-DD to date them."
    : null;
  if (!rows.length) {
    let note = "No pair series yet.";
    if (undated) note = `No dated pair series. ${undated}`;
    else if (filters.actor && filters.counterpart) note = "No pair series between these two actors.";
    else if (filters.actor || filters.counterpart) {
      note = "No pair series for this actor (pairs need coded actors on both sides).";
    }
    figure.append(emptyNote(note));
    return;
  }
  drawPairs(figure, rows, measure, filters.period);
  if (undated) figure.append(h("p", { class: "note", id: "pairs-undated", text: undated }));
  table.append(pairsTable(rows));
}

function drawPairs(figure, rows, measure, period) {
  const byPair = d3.group(rows, (r) => `${r.source} → ${r.target}`);
  const pairs = [...byPair.entries()]
    .map(([name, items]) => ({ name, items: items.slice().sort((a, b) => d3.ascending(a.period, b.period)), n: d3.sum(items, (r) => r.n) }))
    .sort((a, b) => b.n - a.n || d3.ascending(a.name, b.name));
  const shown = pairs.slice(0, 8);
  const periods = [...new Set(shown.flatMap((p) => p.items.map((r) => r.period)))].sort();
  const { width, height } = svgSize(figure, 320);
  const margin = { top: 16, right: 16, bottom: 40, left: 44 };
  const x = d3.scalePoint().domain(periods).range([margin.left + 12, width - margin.right - 12]);
  const values = shown.flatMap((p) => p.items.map((r) => r[measure] ?? 0));
  const y = d3.scaleLinear()
    .domain(measure === "score_mean" ? [-10, 10] : d3.extent([0, ...values]))
    .nice().range([height - margin.bottom, margin.top]);
  const r = d3.scaleSqrt().domain([1, d3.max(rows, (row) => row.n) || 1]).range([3, 11]);
  const colour = d3.scaleOrdinal(d3.schemeTableau10).domain(shown.map((p) => p.name));
  figure.append(h("figcaption", {},
    h("span", { text: `${measure === "score_mean" ? "Mean" : "Summed"} conflict–cooperation score per ${period} `
      + "(−10 conflict … +10 cooperation) of each directed pair; a point's size and label give N. " }),
    pairs.length > shown.length ? h("span", { class: "note", text: `(The ${shown.length} pairs with most records of ${pairs.length}.)` }) : null,
    h("ul", { class: "legend", id: "pairs-legend" })));
  const item = d3.select(figure).select("#pairs-legend").selectAll("li").data(shown).join("li")
    .attr("class", "pair").attr("data-pair", (p) => p.name);
  item.append("svg").attr("viewBox", "0 0 10 10").attr("aria-hidden", "true")
    .append("rect").attr("width", 10).attr("height", 10).attr("fill", (p) => colour(p.name));
  item.append("span").text((p) => `${p.name} (N ${p.n})`);
  const svg = d3.select(figure).append("svg").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img").attr("aria-label", "score per period of each actor pair");
  const every = Math.ceil(periods.length / Math.max(1, Math.floor((width - 60) / 80)));
  svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(d3.axisBottom(x).tickValues(periods.filter((_, i) => i % every === 0)));
  svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(6));
  svg.append("line").attr("class", "zero")
    .attr("x1", margin.left).attr("x2", width - margin.right).attr("y1", y(0)).attr("y2", y(0));
  const line = d3.line().x((d) => x(d.period)).y((d) => y(d[measure] ?? 0));
  const series = svg.append("g").selectAll("g").data(shown).join("g").attr("class", "series")
    .attr("data-pair", (p) => p.name);
  series.append("path").attr("class", "pair-line").attr("stroke", (p) => colour(p.name))
    .attr("d", (p) => line(p.items));
  const points = series.selectAll("g.point").data((p) => p.items.map((item) => ({ p, item }))).join("g")
    .attr("class", "point")
    .attr("transform", ({ item }) => `translate(${x(item.period)},${y(item[measure] ?? 0)})`);
  points.append("circle").attr("r", ({ item }) => r(item.n)).attr("fill", ({ p }) => colour(p.name))
    .append("title")
    .text(({ p, item }) => `${p.name}, ${item.period}: N ${item.n}; mean ${fmt(item.score_mean)}, `
      + `sum ${fmt(item.score_sum)}; quads 1–4: ${item.q1} ${item.q2} ${item.q3} ${item.q4}`);
  points.append("text").attr("class", "n-label").attr("dy", ({ item }) => -r(item.n) - 3)
    .attr("text-anchor", "middle").text(({ item }) => item.n);
}

function pairsTable(rows) {
  const head = ["Source", "Target", "Period", "N", "Q1", "Q2", "Q3", "Q4", "Score sum", "Score mean"];
  return h("table", { class: "records numbers", id: "pairs-table" },
    h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col", text: t })))),
    h("tbody", {}, rows.map((r) => h("tr", {},
      [r.source, r.target, r.period, r.n, r.q1, r.q2, r.q3, r.q4, fmt(r.score_sum), fmt(r.score_mean)]
        .map((v) => h("td", { text: v }))))));
}

// -- 3. network ------------------------------------------------------------------------

async function renderNetwork({ params, stale }) {
  fillDatalists();
  const figure = h("figure", { class: "chart network", id: "network-chart" });
  $view.append(
    h("h2", { text: "Network of actors" }),
    filterForm("network", ["actor", "type", "date_from", "date_to"], params),
    figure,
  );
  const data = await api("network", listParams(params, ["actor", "type", "date_from", "date_to"]));
  if (stale()) return;
  if (!data.nodes || !data.nodes.length) {
    figure.append(emptyNote("No actor pairs to draw."));
    return;
  }
  drawNetwork(figure, data);
}

function edgeClass(edge) {
  if (edge.score_mean === null || edge.score_mean === undefined || edge.score_mean === 0) return "neutral";
  return edge.score_mean > 0 ? "coop" : "conflict";
}

/** A node's label: its name, or its code when the name is long
 * ("North Atlantic Treaty Organization" is NATO; the tooltip has both). */
function nodeLabel(node) {
  return node.label && node.label.length <= 16 ? node.label : node.id;
}

function drawNetwork(figure, data) {
  const { width, height } = svgSize(figure, 560);
  const nodes = data.nodes.map((n) => ({ ...n }));
  const links = data.edges.map((e) => ({ ...e }));
  const strength = new Map(nodes.map((n) => [n.id, 0]));
  for (const e of links) {
    strength.set(e.source, (strength.get(e.source) || 0) + e.weight);
    strength.set(e.target, (strength.get(e.target) || 0) + e.weight);
  }
  const radius = d3.scaleSqrt().domain([0, d3.max([...strength.values()]) || 1]).range([5, 20]);
  const width_ = d3.scaleSqrt().domain([1, d3.max(links, (e) => e.weight) || 1]).range([1, 8]);
  figure.append(h("figcaption", {},
    "Actors (circles sized by their happenings) and who acted on whom (arrows as wide as the number of happenings; ",
    h("span", { class: "key coop", text: "cooperation" }), ", ",
    h("span", { class: "key conflict", text: "conflict" }), ", ",
    h("span", { class: "key neutral", text: "neutral" }),
    " by the mean score). Drag a node; click it for its pair series."));
  const svg = d3.select(figure).append("svg").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img").attr("aria-label", "actor network");
  const defs = svg.append("defs");
  for (const kind of ["coop", "conflict", "neutral"]) {
    defs.append("marker").attr("id", `arrow-${kind}`).attr("class", `arrow ${kind}`)
      .attr("viewBox", "0 -4 8 8").attr("refX", 8).attr("refY", 0)
      .attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 9).attr("markerHeight", 9)
      .attr("orient", "auto")
      .append("path").attr("d", "M0,-4L8,0L0,4");
  }
  const edge = svg.append("g").attr("class", "edges").selectAll("path").data(links).join("path")
    .attr("class", (e) => `edge ${edgeClass(e)}`)
    .attr("stroke-width", (e) => width_(e.weight))
    .attr("marker-end", (e) => `url(#arrow-${edgeClass(e)})`);
  edge.append("title").text((e) => `${e.source} → ${e.target}: ${e.weight} happening(s), mean score `
    + `${fmt(e.score_mean)}; quads 1–4: ${e.q1 ?? 0} ${e.q2 ?? 0} ${e.q3 ?? 0} ${e.q4 ?? 0}`);
  const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
    .attr("class", (n) => `node ${n.type || ""}`).attr("data-id", (n) => n.id);
  node.append("circle").attr("r", (n) => radius(strength.get(n.id) || 0));
  node.append("text").attr("class", "label").attr("dx", (n) => radius(strength.get(n.id) || 0) + 3)
    .attr("dy", "0.35em").text(nodeLabel);
  node.append("title").text((n) => `${n.label || n.id} (${n.id}${n.type ? `, ${n.type}` : ""}): `
    + `${strength.get(n.id) || 0} happening link(s)`);
  node.on("click", (_, n) => go("pairs", { actor: n.id }));

  const simulation = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(140))
    .force("charge", d3.forceManyBody().strength(-420))
    .force("center", d3.forceCenter(width / 2, height / 2))
    .force("collide", d3.forceCollide((n) => radius(strength.get(n.id) || 0) + 14))
    // A weak pull to the middle keeps actors without links in sight.
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.08));
  const clampX = (v) => Math.max(20, Math.min(width - 20, v));
  const clampY = (v) => Math.max(20, Math.min(height - 20, v));
  simulation.on("tick", () => {
    for (const n of nodes) {
      n.x = clampX(n.x);
      n.y = clampY(n.y);
    }
    edge.attr("d", (e) => {
      const dx = e.target.x - e.source.x;
      const dy = e.target.y - e.source.y;
      const dist = Math.hypot(dx, dy) || 1;
      const back = radius(strength.get(e.target.id) || 0) + 2; // end at the target's rim
      const tx = e.target.x - (dx / dist) * back;
      const ty = e.target.y - (dy / dist) * back;
      return `M${e.source.x},${e.source.y}A${dist * 1.6},${dist * 1.6} 0 0,1 ${tx},${ty}`;
    });
    node.attr("transform", (n) => `translate(${n.x},${n.y})`);
  });
  node.call(d3.drag()
    .on("start", (event, n) => {
      if (!event.active) simulation.alphaTarget(0.3).restart();
      n.fx = n.x;
      n.fy = n.y;
    })
    .on("drag", (event, n) => {
      n.fx = clampX(event.x);
      n.fy = clampY(event.y);
    })
    .on("end", (event, n) => {
      if (!event.active) simulation.alphaTarget(0);
      n.fx = null;
      n.fy = null;
    }));
  simulations.push(simulation);
}

// -- 4. map ----------------------------------------------------------------------------

let world = null; // the country outlines, fetched once
function countries() {
  if (!world) {
    world = d3.json(VENDOR + "countries-110m.json")
      .then((topology) => topojson.feature(topology, topology.objects.countries))
      .catch((err) => {
        world = null;
        throw new Error(`the map outlines could not be loaded (${err.message}): run python -m detente.web.assets`);
      });
  }
  return world;
}

async function renderMap({ params, stale }) {
  fillDatalists();
  const figure = h("figure", { class: "chart map", id: "map-chart" });
  const details = h("aside", { class: "details", id: "map-details", "aria-live": "polite" },
    h("p", { class: "none", text: "Click a circle for the happening." }));
  $view.append(
    h("h2", { text: "Map of happenings" }),
    filterForm("map", ["actor", "type", "status", "date_from", "date_to"], params),
    h("div", { class: "map-layout" }, figure, details),
  );
  const filters = listParams(params, ["actor", "type", "status", "date_from", "date_to"]);
  const [land, all] = await Promise.all([countries(), fetchAll("map", filters)]);
  if (stale()) return;
  drawMap(figure, details, land, all);
}

function drawMap(figure, details, land, all) {
  const points = all.items.filter((p) => p.latitude !== null && p.latitude !== undefined
    && p.longitude !== null && p.longitude !== undefined);
  const { width, height } = svgSize(figure, 460);
  const projection = d3.geoNaturalEarth1()
    .fitExtent([[8, 8], [width - 8, height - 8]], pointsExtent(points) || { type: "Sphere" });
  const path = d3.geoPath(projection);
  figure.append(h("figcaption", {},
    h("span", { text: `${points.length} located happening(s); circles sized by the articles that report them `
      + "(scroll or pinch to zoom, drag to pan). " }),
    all.items.length < all.total ? h("span", { class: "note", text: `(The first ${all.items.length} of ${all.total}.) ` }) : null,
    quadLegend()));
  const svg = d3.select(figure).append("svg").attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img").attr("aria-label", "map of happenings");
  const layer = svg.append("g");
  layer.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  layer.append("path").attr("class", "graticule").attr("d", path(d3.geoGraticule10()));
  layer.append("g").attr("class", "countries").selectAll("path").data(land.features).join("path")
    .attr("class", "country").attr("d", path)
    .append("title").text((f) => (f.properties && f.properties.name) || "");
  const r = d3.scaleSqrt().domain([1, d3.max(points, (p) => p.num_articles || 1) || 1]).range([4, 16]);
  const sorted = points.slice().sort((a, b) => (b.num_articles || 1) - (a.num_articles || 1));
  const circles = layer.append("g").attr("class", "points").selectAll("circle").data(sorted).join("circle")
    .attr("class", "point")
    .attr("data-id", (p) => p.id)
    .attr("cx", (p) => projection([p.longitude, p.latitude])[0])
    .attr("cy", (p) => projection([p.longitude, p.latitude])[1])
    .attr("r", (p) => r(p.num_articles || 1))
    .attr("fill", (p) => quadColour(p.quad))
    .attr("tabindex", 0)
    .on("click", (event, p) => select(event.currentTarget, p))
    .on("keydown", (event, p) => { if (event.key === "Enter") select(event.currentTarget, p); });
  circles.append("title").text((p) => `${p.type} ${p.event_date || ""} ${p.place || ""}`);
  let scale = 1;
  svg.call(d3.zoom().scaleExtent([0.25, 12]).on("zoom", (event) => {
    scale = event.transform.k;
    layer.attr("transform", event.transform);
    circles.attr("r", (p) => r(p.num_articles || 1) / Math.sqrt(scale));
  }));

  function select(target, p) {
    circles.classed("selected", false);
    d3.select(target).classed("selected", true);
    details.replaceChildren(mapDetails(p));
  }
}

/** The region the map opens on: the happenings' bounding box, at least
 * 40° by 24° (a few countries around them), or null for the whole world. */
function pointsExtent(points) {
  if (!points.length) return null;
  const [west, east] = d3.extent(points, (p) => p.longitude);
  const [south, north] = d3.extent(points, (p) => p.latitude);
  const cx = (west + east) / 2;
  const cy = (south + north) / 2;
  const half = [Math.max(20, (east - west) / 2 + 6), Math.max(12, (north - south) / 2 + 4)];
  const w = Math.max(-180, cx - half[0]);
  const e = Math.min(180, cx + half[0]);
  const s = Math.max(-85, cy - half[1]);
  const n = Math.min(85, cy + half[1]);
  return { type: "MultiPoint", coordinates: [[w, s], [w, n], [e, s], [e, n], [cx, n], [cx, s]] };
}

function mapDetails(p) {
  // The map's rows are the kepler.gl export's: actors as "NATO; RUS".
  const list = (refs) => (Array.isArray(refs) ? refs.map(actorLabel).join(", ") : refs) || "—";
  const rows = [
    ["Type", p.type], ["Date", p.event_date || "—"], ["Status", p.status || "—"],
    ["Actors", list(p.actors)], ["Recipients", list(p.recipients)],
    ["Place", [p.place, p.country].filter(Boolean).join(", ") || "—"],
    ["Quad", p.quad ? `${p.quad} ${QUADS[p.quad - 1].label}` : "—"], ["Score", fmt(p.score)],
    ["Articles", p.num_articles ?? "—"],
  ];
  const timeline = { unit: "happening", type: p.type };
  if (p.event_date) {
    timeline.date_from = p.event_date;
    timeline.date_to = p.event_date;
  }
  const first = (p.articles || [])[0];
  return h("div", { class: "map-detail", dataset: { id: p.id } },
    h("h3", { text: `${p.type}${p.place ? ` in ${p.place}` : ""}` }),
    h("dl", {}, rows.flatMap(([k, v]) => [h("dt", { text: k }), h("dd", { text: v })])),
    first ? h("p", { class: "first-report" }, "First reported in ",
      h("a", { class: "article-link", href: happeningArticleHash(first), text: first.title || "the article" }),
      first.published ? ` (${first.published})` : null) : null,
    h("a", { href: `#/timeline?${new URLSearchParams(timeline)}`, text: "These happenings in the timeline" }));
}

// -- 5. quotes -------------------------------------------------------------------------

const QUOTE_FILTERS = ["speaker", "actor", "direct", "date_from", "date_to", "q"];

async function renderQuotes({ params, stale }) {
  fillDatalists();
  const results = h("div", { class: "results", id: "quotes-results" });
  $view.append(
    h("h2", { text: "Quotes by speaker" }),
    filterForm("quotes", QUOTE_FILTERS, params),
    results,
  );
  const page = await api("quotes", listParams(params, QUOTE_FILTERS, {
    limit: PAGE_SIZE, offset: Number(params.get("offset")) || 0,
  }));
  if (stale()) return;
  if (!page.items.length) {
    results.append(emptyNote());
    return;
  }
  results.append(h("ol", { class: "quotes", id: "quotes-list" }, page.items.map(quoteItem)),
    pager("quotes", params, page));
}

function quoteItem(quote) {
  const speaker = quote.speaker || {};
  const article = quote.article || null;
  return h("li", { class: "quote", dataset: { id: quote.id, direct: quote.direct ? "true" : "false" } },
    h("blockquote", { class: quote.direct ? "direct" : "reported", text: quote.text }),
    h("p", { class: "who" },
      h("span", { class: "speaker-name", text: speaker.name || "unknown speaker" }),
      speaker.role ? h("span", { class: "speaker-role", text: speaker.role }) : null,
      speaker.code ? h("span", { class: "code", text: speaker.code }) : null,
      h("span", { class: `badge ${quote.direct ? "direct" : "reported"}`, text: quote.direct ? "direct" : "reported" }),
      quote.cue ? h("span", { class: "cue", text: `cue: ${quote.cue}` }) : null,
      h("a", { class: "article-link", href: articleHash(quote.article_id, `quote:${quote.id}`) },
        h("span", { class: "title", text: article && article.title ? article.title : "open article" }),
        article && article.published ? h("span", { class: "date", text: ` (${article.published})` }) : null)));
}

// -- articles list ---------------------------------------------------------------------

const ARTICLE_FILTERS = ["q", "actor", "date_from", "date_to"];

async function renderArticles({ params, stale }) {
  fillDatalists();
  const results = h("div", { class: "results", id: "articles-results" });
  $view.append(h("h2", { text: "Articles" }), filterForm("articles", ARTICLE_FILTERS, params), results);
  const page = await api("articles", listParams(params, ARTICLE_FILTERS, {
    limit: PAGE_SIZE, offset: Number(params.get("offset")) || 0,
  }));
  if (stale()) return;
  if (!page.items.length) {
    results.append(emptyNote());
    return;
  }
  const head = ["Published", "Title", "Source", "Language", "Records"];
  results.append(h("table", { class: "records", id: "articles-table" },
    h("thead", {}, h("tr", {}, head.map((t) => h("th", { scope: "col", text: t })))),
    h("tbody", {}, page.items.map((a) => h("tr", { dataset: { id: a.id } },
      h("td", { class: "c-date", text: a.published || "—" }),
      h("td", {}, h("a", { href: articleHash(a.id), text: a.title || a.ref || a.id })),
      h("td", { text: a.source || "—" }),
      h("td", { text: a.language || "—" }),
      h("td", { class: "c-counts", text: countsText(a.counts) }))))),
  pager("articles", params, page));
}

function countsText(counts) {
  if (!counts) return "";
  return Object.entries(counts).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(", ");
}

// -- 6. one article --------------------------------------------------------------------

/** The highlightable spans of an article's records: one per record, one per
 * mention of an actor. */
function spansOf(records, length) {
  const spans = [];
  for (const { kind } of KINDS) {
    (records[kind] || []).forEach((rec, index) => {
      const key = rec.id || `${kind}-${index}`;
      const ranges = kind === "actor" ? rec.mentions || [] : [{ start: rec.start, end: rec.end }];
      for (const { start, end } of ranges) {
        if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length) {
          spans.push({ kind, key, start, end });
        }
      }
    });
  }
  return spans;
}

function bySpan(a, b) {
  return a.start - b.start || b.end - a.end || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

/** Appends text[from:to] to parent with its spans as nested <mark>s. A span
 * that crosses the end of an enclosing one is split in two, each piece
 * marked with the range it covers (so data-start/data-end always give the
 * element's own text) and data-split. */
function markUp(parent, text, from, to, spans) {
  let pending = spans.slice().sort(bySpan);
  let pos = from;
  while (pending.length) {
    const outer = pending[0];
    if (outer.start > pos) parent.append(text.slice(pos, outer.start));
    const inner = [];
    const rest = [];
    let j = 1;
    for (; j < pending.length && pending[j].start < outer.end; j += 1) {
      const span = pending[j];
      if (span.end <= outer.end) inner.push(span);
      else {
        inner.push({ ...span, end: outer.end, split: true });
        rest.push({ ...span, start: outer.end, split: true });
      }
    }
    const mark = h("mark", {
      class: `hl hl-${outer.kind}`,
      dataset: { kind: outer.kind, start: outer.start, end: outer.end, id: outer.key },
    });
    if (outer.split) mark.dataset.split = "true";
    markUp(mark, text, outer.start, outer.end, inner);
    parent.append(mark);
    pos = outer.end;
    pending = rest.concat(pending.slice(j)).sort(bySpan);
  }
  if (pos < to) parent.append(text.slice(pos, to));
}

function recordSummary(kind, rec) {
  switch (kind) {
    case "actor":
      return `${rec.name}${rec.code ? ` (${rec.code})` : ""} · ${rec.type}${rec.role ? ` · ${rec.role}` : ""}`
        + ` · ${(rec.mentions || []).length} mention(s)`;
    case "quote":
      return `${rec.speaker ? rec.speaker.name : "unknown speaker"}${rec.cue ? ` (${rec.cue})` : ""}: `
        + `“${rec.text.length > 90 ? `${rec.text.slice(0, 90)}…` : rec.text}”`;
    case "time":
      return `${rec.text} → ${rec.value || "?"}${rec.granularity ? ` (${rec.granularity})` : ""}${rec.warning ? ` ⚠ ${rec.warning}` : ""}`;
    case "place": {
      // The usage is shown when the toponym is no location ("Moscow said": metonymic).
      const tags = [rec.feature, rec.usage && rec.usage !== "literal" ? rec.usage : null].filter(Boolean);
      return `${rec.text} → ${[rec.name, rec.country].filter(Boolean).join(", ") || "?"}`
        + (tags.length ? ` (${tags.join(", ")})` : "");
    }
    case "event":
      return `${rec.type}: ${actorsText(rec.actor, rec.recipient)} · ${rec.status} · ${rec.date || "no date"} · “${rec.trigger}”`;
    case "claim":
      return `${rec.text}: ${rec.quantity ?? "?"}${rec.unit ? ` ${rec.unit}` : ""}${rec.approximate ? " (approx.)" : ""}`;
    case "stance":
      return `${actorLabel(rec.actor)} ${rec.position} ${rec.issue}`;
    case "mention":
      return `${rec.text} (${rec.label})`;
    default:
      return kind;
  }
}

async function renderArticle({ id, params, stale }) {
  if (!id) {
    go("articles", {});
    return;
  }
  const data = await api(`articles/${encodeURIComponent(id)}`);
  if (stale()) return;
  const article = data.article;
  const records = data.records || {};
  const text = article.text || "";
  const spans = spansOf(records, text.length);

  const body = h("div", { class: "article-text", id: "article-text", lang: article.language || null });
  markUp(body, text, 0, text.length, spans);
  for (const { kind, on } of KINDS) body.classList.toggle(`hide-${kind}`, !on);

  const toggles = h("fieldset", { class: "kinds" }, h("legend", { text: "Highlight" }),
    KINDS.map(({ kind, label, on }) => {
      const count = (records[kind] || []).length;
      const box = h("input", { type: "checkbox", name: kind, checked: on, id: `kind-${kind}` });
      box.addEventListener("change", () => body.classList.toggle(`hide-${kind}`, !box.checked));
      return h("label", { for: `kind-${kind}`, class: "kind" }, box,
        h("span", { class: `swatch hl-${kind}` }), `${label} (${count})`);
    }));

  const side = h("aside", { class: "side", id: "article-records", "aria-label": "Records" },
    KINDS.map(({ kind, label }) => {
      const list = records[kind] || [];
      if (!list.length) return null;
      return h("details", { open: kind !== "mention", dataset: { kind } },
        h("summary", { text: `${label} (${list.length})` }),
        h("ul", {}, list.map((rec, index) => h("li", {},
          h("button", {
            type: "button", class: `record hl-${kind}-key`,
            dataset: { kind, id: rec.id || `${kind}-${index}` },
            text: recordSummary(kind, rec),
          })))));
    }));

  const url = safeUrl(article.url);
  const meta = h("p", { class: "meta" },
    [article.published, article.source, article.language].filter(Boolean).join(" · "),
    url ? " · " : null,
    url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: "original" }) : null);

  $view.append(
    h("p", { class: "back" }, h("a", { href: "#/articles", text: "← Articles" })),
    h("h2", { class: "article-title", text: article.title || article.ref || article.id }),
    meta, toggles,
    h("div", { class: "article-layout" }, body, side),
  );

  const select = (kind, key, scroll = "text") => {
    for (const el of $view.querySelectorAll(".is-focus")) el.classList.remove("is-focus");
    const marks = [...body.querySelectorAll("mark[data-id]")].filter((m) => m.dataset.id === key && m.dataset.kind === kind);
    const button = [...side.querySelectorAll("button.record")].find((b) => b.dataset.id === key && b.dataset.kind === kind);
    for (const mark of marks) mark.classList.add("is-focus");
    if (button) {
      button.classList.add("is-focus");
      button.closest("details").open = true;
    }
    const box = document.getElementById(`kind-${kind}`);
    if (box && !box.checked) {
      box.checked = true;
      body.classList.remove(`hide-${kind}`);
    }
    if (scroll === "text" && marks.length) marks[0].scrollIntoView({ block: "center" });
    if (scroll === "side" && button) button.scrollIntoView({ block: "nearest" });
  };
  side.addEventListener("click", (event) => {
    const button = event.target.closest("button.record");
    if (button) select(button.dataset.kind, button.dataset.id, "text");
  });
  body.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-id]");
    if (mark) select(mark.dataset.kind, mark.dataset.id, "side");
  });
  const focus = params.get("focus");
  if (focus && focus.includes(":")) {
    const cut = focus.indexOf(":");
    select(focus.slice(0, cut), focus.slice(cut + 1), "text");
  }
}

// -- start -----------------------------------------------------------------------------

async function showStats() {
  try {
    const stats = await api("stats");
    const counts = stats.records || stats.counts || stats;
    const n = (kind) => Number(counts[kind] ?? 0);
    const parts = [["article", "articles"], ["event", "events"], ["happening", "happenings"], ["quote", "quotes"], ["actor", "actors"]]
      .filter(([kind]) => kind in counts).map(([kind, label]) => `${n(kind)} ${label}`);
    document.getElementById("stats").textContent = parts.join(" · ");
    $empty.hidden = n("article") > 0;
  } catch (err) {
    showError(err);
  }
}

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = new FormData(event.currentTarget).get("q");
  go("articles", { q: String(q || "").trim() });
});
window.addEventListener("hashchange", render);
showStats();
render();
