// serge-graph reader's site: sortable tables and the name search. No library, nothing loaded.
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
    for (const form of [entry.n, ...entry.f]) {
      const s = score(query, fold(form));
      if (s !== null && (best === null || s < best)) { best = s; via = form; }
    }
    if (best !== null) found.push({ entry: entry, score: best, via: via });
  }
  found.sort((x, y) => x.score - y.score || x.entry.n.localeCompare(y.entry.n));
  return found.slice(0, 20);
}

function setUpSearch() {
  const input = document.getElementById("search");
  const data = document.getElementById("search-index");
  if (!input || !data) return;
  const index = JSON.parse(data.textContent);
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  function show() {
    const results = search(index, input.value);
    list.replaceChildren();
    for (const result of results) {
      const item = document.createElement("li");
      item.dataset.score = result.score;  // 0 same name, 1 starts with, 2 contains, 3+ misspelt
      const link = document.createElement("a");
      link.href = result.entry.h;
      link.textContent = result.entry.n;
      item.appendChild(link);
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = result.entry.t;
      item.appendChild(kind);
      if (result.via !== result.entry.n) {
        const via = document.createElement("span");
        via.className = "via";
        via.textContent = "also written “" + result.via + "”";
        item.appendChild(via);
      }
      list.appendChild(item);
    }
    status.textContent = input.value.trim() ? results.length + (results.length === 1 ? " match" : " matches") : "";
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && list.firstElementChild) {
      window.location.href = list.firstElementChild.querySelector("a").href;
    }
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
          const x = a.cells[column].textContent.trim();
          const y = b.cells[column].textContent.trim();
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
      if (seen.has(mark.dataset.ev)) continue;
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
    panel.hidden = false;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpSearch();
  setUpSorting();
  setUpClaimPanel();
  document.body.dataset.ready = "yes";
});
