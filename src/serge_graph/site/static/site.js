// serge-graph reader's site: sortable tables and the search (names, other names, years, the
// text). No library, nothing loaded.
"use strict";

function fold(value) {
  return value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'")
    .toLowerCase().replace(/[^\p{L}\p{N}' ]+/gu, " ").replace(/\s+/g, " ").trim();
}

// Damerau-Levenshtein distance (optimal string alignment), stopping early past limit.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
  }
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

// How well a typed query matches one form of a name: 0 is best; null is no match.
function score(query, form) {
  if (form === query) return 0;
  if (form.startsWith(query)) return 1;
  if (form.includes(query)) return 2;
  const limit = query.length < 5 ? 1 : query.length < 9 ? 2 : 3;
  const words = form.split(" ");
  const width = query.split(" ").length;
  let best = limit + 1;
  for (let i = 0; i + width <= words.length; i++) {
    best = Math.min(best, distance(query, words.slice(i, i + width).join(" "), limit));
  }
  best = Math.min(best, distance(query, form, limit));
  return best <= limit ? 3 + best : null;
}

function search(index, typed) {
  const query = fold(typed);
  if (!query) return [];
  const found = [];
  for (const entry of index) {
    let best = null;
    let via = null;
    let other = null;
    for (const form of [entry.n, ...entry.f]) {
      const s = score(query, fold(form));
      if (s !== null && (best === null || s < best)) { best = s; via = form; }
    }
    // a name the text never uses (general knowledge, with its reference) counts as well
    for (const name of entry.o || []) {
      const s = score(query, fold(name.name));
      if (s !== null && (best === null || s < best)) { best = s; via = name.name; other = name; }
    }
    if (best !== null) found.push({ entry: entry, score: best, via: via, other: other });
  }
  found.sort((x, y) => x.score - y.score || x.entry.n.localeCompare(y.entry.n));
  return found.slice(0, 20);
}

// "1943": every event the text dates in that year (a date over several years counts in each).
function inYear(events, typed) {
  const match = /^\s*(\d{4})\s*$/.exec(typed);
  if (!match) return null;
  const year = Number(match[1]);
  const found = [];
  for (const event of events) {
    const dates = event.d.filter((d) => d.y[0] <= year && year <= d.y[1]);
    if (dates.length) found.push({ event: event, dates: dates });
  }
  return { year: year, found: found };
}

// Words of the text: each paragraph folded word by word, so a hit maps back to its words.
function prepareText(paragraphs) {
  return paragraphs.map((p) => {
    const words = p.x.split(" ");
    const folded = words.map((w) => fold(w));
    const starts = [];
    let at = 0;
    for (const w of folded) { starts.push(at); at += w.length + 1; }
    return { p: p, words: words, joined: folded.join(" "), starts: starts };
  });
}
function inText(prepared, typed, limit) {
  const query = fold(typed);
  if (query.length < 3) return { count: 0, hits: [] };
  const hits = [];
  let count = 0;
  for (const item of prepared) {
    const at = item.joined.indexOf(query);
    if (at < 0) continue;
    count += 1;
    if (hits.length >= limit) continue;
    let first = 0;
    while (first + 1 < item.starts.length && item.starts[first + 1] <= at) first++;
    let last = first;
    while (last + 1 < item.starts.length && item.starts[last + 1] < at + query.length) last++;
    hits.push({ p: item.p, before: item.words.slice(Math.max(0, first - 10), first).join(" "),
                words: item.words.slice(first, last + 1).join(" "),
                after: item.words.slice(last + 1, last + 11).join(" "),
                cut: [first > 10, last + 11 < item.words.length] });
  }
  return { count: count, hits: hits };
}

function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text) made.textContent = text;
  if (className) made.className = className;
  return made;
}

function setUpSearch() {
  const input = document.getElementById("search");
  const data = document.getElementById("search-index");
  if (!input || !data) return;
  const index = JSON.parse(data.textContent);
  let prepared = prepareText(index.paragraphs);
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const yearList = document.getElementById("search-years");
  const yearHeading = document.getElementById("search-years-h");
  const textList = document.getElementById("search-text");
  const textHeading = document.getElementById("search-text-h");
  function showNames(results) {
    list.replaceChildren();
    for (const result of results) {
      const item = document.createElement("li");
      item.dataset.score = result.score;  // 0 same name, 1 starts with, 2 contains, 3+ misspelt
      const link = element("a", result.entry.n);
      link.href = result.entry.h;
      item.appendChild(link);
      item.appendChild(element("span", result.entry.t, "kind"));
      if (result.other) {
        // general knowledge, not the text: said so, with the reference consulted
        const via = element("span", result.other.what + " “" + result.other.name + "” (general knowledge: ", "via other");
        const reference = element("a", result.other.title);
        reference.href = result.other.url;
        via.append(reference, ")");
        item.appendChild(via);
      } else if (result.via !== result.entry.n) {
        item.appendChild(element("span", "also written “" + result.via + "”", "via"));
      }
      list.appendChild(item);
    }
  }
  function showYear(year) {
    yearList.replaceChildren();
    yearHeading.hidden = !year;
    if (!year) return 0;
    yearHeading.textContent = year.found.length ? "What happened in " + year.year : "No dated event in " + year.year;
    for (const hit of year.found) {
      const item = document.createElement("li");
      const link = element("a", hit.event.n);
      link.href = hit.event.h;
      item.appendChild(link);
      item.appendChild(element("span", hit.dates.map((d) => d.w + " (" + d.s + ")").join("; "), "when"));
      yearList.appendChild(item);
    }
    return year.found.length;
  }
  function showText(found) {
    textList.replaceChildren();
    textHeading.hidden = !found.count;
    textHeading.textContent = "In the text: " + found.count + (found.count === 1 ? " paragraph" : " paragraphs") +
      (found.count > found.hits.length ? " (the first " + found.hits.length + " shown)" : "");
    for (const hit of found.hits) {
      const item = document.createElement("li");
      const link = element("a", hit.p.l + (hit.p.s ? " of " + hit.p.s : ""));
      link.href = hit.p.h;
      item.appendChild(link);
      const words = element("span", "", "context");
      words.append((hit.cut[0] ? "… " : "") + hit.before + " ", element("mark", hit.words),
                   " " + hit.after + (hit.cut[1] ? " …" : ""));
      item.appendChild(words);
      textList.appendChild(item);
    }
    return found.count;
  }
  function show() {
    const results = search(index.names, input.value);
    showNames(results);
    const events = showYear(inYear(index.events, input.value));
    const paragraphs = showText(inText(prepared, input.value, 20));
    const parts = [results.length + (results.length === 1 ? " name" : " names")];
    if (inYear(index.events, input.value)) parts.push(events + (events === 1 ? " event" : " events"));
    parts.push(paragraphs + (paragraphs === 1 ? " paragraph" : " paragraphs"));
    status.textContent = input.value.trim() ? parts.join(", ") : "";
  }
  input.addEventListener("input", show);
  if (index.parts && window.sergeSearchLoad) {  // a big corpus: the index in parts (search_parts.js)
    const load = () => window.sergeSearchLoad(index, () => { prepared = prepareText(index.paragraphs); show(); });
    input.addEventListener("focus", load, { once: true });
    input.addEventListener("input", load, { once: true });
  }
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const first = list.firstElementChild || yearList.firstElementChild || textList.firstElementChild;
    if (first) window.location.href = first.querySelector("a").href;
  });
  if (input.value) show();
}

function setUpSorting() {
  for (const table of document.querySelectorAll("table.sortable")) {
    const headers = Array.from(table.querySelectorAll("thead th"));
    headers.forEach((header, column) => {
      const button = header.querySelector("button");
      if (!button) return;
      button.addEventListener("click", () => {
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach((h) => h.removeAttribute("aria-sort"));
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const numeric = button.dataset.sort === "number";
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          // a cell may carry its sort key (an event's date: data-key="1943-04-01")
          const x = a.cells[column].dataset.key ?? a.cells[column].textContent.trim();
          const y = b.cells[column].dataset.key ?? b.cells[column].textContent.trim();
          const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { sensitivity: "base" });
          return ascending ? order : -order;
        });
        body.append(...rows);
      });
    });
  }
}

// On the text: a click on marked words lists every claim they state, with its speaker and
// a link to the page of what it is about (the same as the marks' titles, readable on a phone).
function setUpClaimPanel() {
  const panel = document.getElementById("claim-panel");
  if (!panel) return;
  const list = document.getElementById("claim-panel-list");
  document.getElementById("claim-panel-close").addEventListener("click", () => { panel.hidden = true; });
  document.querySelector("main").addEventListener("click", (event) => {
    if (event.target.closest("a")) return;
    let mark = event.target.closest("mark.claim");
    if (!mark || mark.classList.contains("sample")) return;
    const seen = new Set();
    list.replaceChildren();
    for (; mark; mark = mark.parentElement.closest("mark.claim")) {
      // a claim the certainty filter leaves out (certainty.js) is not listed
      if (seen.has(mark.dataset.ev) || mark.hasAttribute("data-off")) continue;
      seen.add(mark.dataset.ev);
      const item = document.createElement("li");
      const words = document.createElement("a");
      words.href = "#" + mark.dataset.ev;
      words.textContent = mark.title;
      item.appendChild(words);
      if (mark.dataset.page) {
        const page = document.createElement("a");
        page.href = mark.dataset.page;
        page.className = "subject";
        page.textContent = "its page";
        item.append(" · ", page);
      }
      list.appendChild(item);
    }
    panel.hidden = !list.children.length;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpSearch();
  setUpSorting();
  setUpClaimPanel();
  document.body.dataset.ready = "yes";
});
