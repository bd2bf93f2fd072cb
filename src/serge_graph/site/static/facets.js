// serge-graph reader's site: facets on the index's lists. The values of every row (an entity,
// an event or a claim) are written into the page (#facet-data, computed from the graph); this
// only counts and hides. Within a facet the chosen values are alternatives, across facets all
// must hold; a value's count is how many rows match every OTHER facet's choice and have that
// value. The choice is kept in the query string (?type=person&speaker=…), so a filtered view
// can be shared and reloads the same. Nothing is loaded.
"use strict";

(function () {
  function setUpFacets() {
    const data = document.getElementById("facet-data");
    const form = document.getElementById("facets");
    if (!data || !form) return;
    const index = JSON.parse(data.textContent);
    const names = index.facets.map((facet) => facet.name);
    const items = Object.entries(index.items).map(([id, values]) => ({
      id: id,
      sets: values.map((keys, f) => new Set(keys.map((k) => index.facets[f].values[k]))),
    }));
    const rows = new Map();
    for (const row of document.querySelectorAll("tr[data-item]")) rows.set(row.dataset.item, row);
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox][data-facet]"));
    const status = document.getElementById("facets-status");
    const chosenNote = document.getElementById("facets-chosen");

    function chosen() {
      const choice = names.map(() => new Set());
      for (const box of boxes) {
        if (box.checked) choice[names.indexOf(box.dataset.facet)].add(box.value);
      }
      return choice;
    }

    // the facets an item fails: none means it is shown
    function failing(item, choice) {
      const failed = [];
      choice.forEach((keys, f) => {
        if (!keys.size) return;
        for (const key of keys) if (item.sets[f].has(key)) return;
        failed.push(f);
      });
      return failed;
    }

    function update() {
      const choice = chosen();
      const counts = names.map(() => new Map());
      const add = (f, item) => {
        for (const key of item.sets[f]) counts[f].set(key, (counts[f].get(key) || 0) + 1);
      };
      let shown = 0;
      for (const item of items) {
        const failed = failing(item, choice);
        // an item counts for facet f's values when it matches every other facet's choice
        if (failed.length === 0) names.forEach((_, f) => add(f, item));
        else if (failed.length === 1) add(failed[0], item);
        const row = rows.get(item.id);
        if (row) row.hidden = failed.length > 0;
        if (!failed.length) shown += 1;
      }
      for (const box of boxes) {
        const count = counts[names.indexOf(box.dataset.facet)].get(box.value) || 0;
        const label = box.closest("label");
        label.querySelector(".facet-count").textContent = count;
        label.classList.toggle("zero", count === 0 && !box.checked);
      }
      const active = choice.reduce((n, keys) => n + keys.size, 0);
      for (const count of document.querySelectorAll("section.list .count[data-total]")) {
        const body = count.closest("section").querySelector("tbody");
        const visible = body.querySelectorAll("tr:not([hidden])").length;
        count.textContent = active ? visible + " of " + count.dataset.total : count.dataset.total;
      }
      status.textContent = active
        ? shown + " of " + items.length + " rows match " + (active === 1 ? "the filter" : "the " + active + " filters")
        : "";
      chosenNote.textContent = active ? " (" + active + " chosen)" : "";
      // the claims list is folded until a choice narrows it
      if (active && claims) claims.open = true;
      return choice;
    }

    function keep(choice) {
      const params = new URLSearchParams(window.location.search);
      for (const name of names) params.delete(name);
      choice.forEach((keys, f) => { for (const key of keys) params.append(names[f], key); });
      const query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    const claims = document.querySelector("details.claims-fold");
    const params = new URLSearchParams(window.location.search);
    for (const box of boxes) {
      if (!params.getAll(box.dataset.facet).includes(box.value)) continue;
      box.checked = true;
      const more = box.closest("details.more");  // a rarer value, folded: shown when chosen
      if (more) more.open = true;
    }
    form.addEventListener("change", () => keep(update()));
    form.addEventListener("submit", (event) => event.preventDefault());
    document.getElementById("facets-clear").addEventListener("click", () => {
      for (const box of boxes) box.checked = false;
      keep(update());
    });

    // on a phone the facets fold behind their button
    const toggle = document.getElementById("facets-toggle");
    const panel = form.closest("section");
    const fold = (open) => {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("folded", !open);
    };
    fold(!window.matchMedia("(max-width: 48rem)").matches);
    toggle.addEventListener("click", () => fold(toggle.getAttribute("aria-expanded") !== "true"));

    update();
    document.body.dataset.facets = "ready";
  }

  document.addEventListener("DOMContentLoaded", setUpFacets);
})();
