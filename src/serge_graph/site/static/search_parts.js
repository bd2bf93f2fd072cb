// serge-graph reader's site: the search index of a corpus of many sources, written beside the
// index in parts (search/part-1.js, …: index_split.py) and loaded when the reader first types.
// Each part calls sergeSearchPart with its names, events and paragraphs; a script, unlike
// fetch, loads from a file:// site too.
"use strict";

(function () {
  let target = null;
  window.sergeSearchPart = function (part) {
    for (const key of ["names", "events", "paragraphs"]) {
      for (const entry of part[key]) target[key].push(entry);
    }
  };
  window.sergeSearchLoad = function (index, done) {
    if (target) return;
    target = index;
    const status = document.getElementById("search-status");
    let left = index.parts.length;
    status.textContent = "Loading the search index (" + left + " parts)…";
    for (const url of index.parts) {
      const script = document.createElement("script");
      script.src = url;
      script.async = false;  // in order: the parts keep the order of the whole index
      script.onload = () => { left -= 1; if (left === 0) done(); };
      script.onerror = () => { status.textContent = "The search index could not be loaded: " + url; };
      document.head.appendChild(script);
    }
  };
})();
