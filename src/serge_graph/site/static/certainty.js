// One certainty filter on every page: "how sure" (stated / + implied / + inferred) and "show the
// text's errors" (deprecated claims). Every element that stands for a claim carries
// data-certainty and data-rank; what the filter leaves out gets data-off (hidden, or on the text
// page unmarked). The state comes from the URL (#certainty=stated&errors=0), else from what the
// reader chose on the last page (localStorage): the URL wins. Pages that draw their claims
// themselves (the network, the map, the timeline) read window.sergeCertainty and listen for the
// "serge:certainty" event. No library, nothing loaded.
(function () {
  "use strict";
  var LEVELS = ["stated", "implied", "inferred"];
  var LABELS = { stated: "stated by the text", implied: "stated + implied", inferred: "+ inferred (general knowledge)" };
  var STORE = "serge-graph:certainty";
  var DEFAULT = { certainty: "inferred", errors: true };

  function hashParams() {
    var found = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) found[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1));
    });
    return found;
  }
  function stored() {
    try { return JSON.parse(localStorage.getItem(STORE) || "null") || {}; } catch (e) { return {}; }
  }
  function read() {
    var state = { certainty: DEFAULT.certainty, errors: DEFAULT.errors };
    var saved = stored(), url = hashParams();
    if (LEVELS.indexOf(saved.certainty) >= 0) state.certainty = saved.certainty;
    if (typeof saved.errors === "boolean") state.errors = saved.errors;
    if (LEVELS.indexOf(url.certainty) >= 0) state.certainty = url.certainty;  // the URL wins
    if (url.errors === "0" || url.errors === "1") state.errors = url.errors === "1";
    return state;
  }
  var state = read();

  function allows(certainty, rank) {
    var level = LEVELS.indexOf(certainty || "stated");
    if (level < 0) level = LEVELS.length - 1;
    return level <= LEVELS.indexOf(state.certainty) && (state.errors || rank !== "deprecated");
  }
  function isDefault() { return state.certainty === DEFAULT.certainty && state.errors === DEFAULT.errors; }
  // the state as URL parameters: "certainty=stated&errors=0" ("" when nothing is filtered)
  function params() {
    return isDefault() ? "" : "certainty=" + state.certainty + "&errors=" + (state.errors ? "1" : "0");
  }

  // ---- the page's own elements -----------------------------------------------------------------
  function apply() {
    var claims = document.querySelectorAll("[data-certainty]");
    var shown = new Set(), all = new Set();
    claims.forEach(function (el, index) {
      var on = allows(el.dataset.certainty, el.dataset.rank);
      if (on) el.removeAttribute("data-off"); else el.setAttribute("data-off", "");
      // one claim may stand in several places: counted once; a list item that names no claim
      // (a step of a route on the map) counts as one
      var key = el.dataset.claim || (el.tagName === "LI" ? "item-" + index : "");
      if (!key) return;
      all.add(key);
      if (on && !el.closest("[data-out]")) shown.add(key);
    });
    // a group with no claim left is hidden; its counts say what is left
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-claim-group]")).reverse();
    groups.forEach(function (group) {
      var left = group.querySelectorAll("[data-certainty]:not([data-off])").length;
      if (left || !group.querySelector("[data-certainty]")) group.removeAttribute("data-off");
      else group.setAttribute("data-off", "");
    });
    document.querySelectorAll("[data-count]").forEach(function (counter) {
      var group = counter.closest("[data-claim-group]") || document;
      var what = counter.dataset.count === "groups" ? "[data-claim-group]:not([data-off])" : "[data-certainty]:not([data-off])";
      var number = Array.prototype.filter.call(group.querySelectorAll(what), function (el) { return el !== group; }).length;
      var word = counter.dataset.word;
      counter.textContent = word ? number + " " + word + (number === 1 ? "" : "s") : String(number);
    });
    var status = document.getElementById("certainty-status");
    if (status && all.size) status.textContent = "Showing " + shown.size + " of " + all.size + " claims on this page.";
    window.sergeCertainty.shown = Array.from(shown).sort();
  }

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: the URL still carries it */ }
    var url = hashParams(), hash = location.hash.replace(/^#/, "");
    // the URL says it too, unless the hash is an anchor (text.html#p36), which must stay one
    if (!hash || hash.indexOf("=") > 0) {
      delete url.certainty; delete url.errors;
      var rest = Object.keys(url).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(url[k]); });
      var mine = params();
      var parts = (mine ? [mine] : []).concat(rest);
      history.replaceState(null, "", location.pathname + location.search + (parts.length ? "#" + parts.join("&") : ""));
    }
  }
  function changed() {
    save();
    apply();
    document.dispatchEvent(new CustomEvent("serge:certainty", { detail: { certainty: state.certainty, errors: state.errors } }));
  }

  // ---- the control -----------------------------------------------------------------------------
  function control() {
    var place = document.getElementById("certainty-control");
    if (!place) return;
    var box = document.createElement("div");
    box.className = "certainty-filter";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "How sure: one filter on every page");
    var label = document.createElement("label");
    label.textContent = "How sure ";
    var select = document.createElement("select");
    select.name = "certainty";
    LEVELS.forEach(function (level) {
      var option = document.createElement("option");
      option.value = level;
      option.textContent = LABELS[level];
      select.appendChild(option);
    });
    select.value = state.certainty;
    label.appendChild(select);
    var errorsLabel = document.createElement("label");
    var errors = document.createElement("input");
    errors.type = "checkbox";
    errors.name = "errors";
    errors.checked = state.errors;
    errorsLabel.append(errors, " show the text’s errors");
    var status = document.createElement("span");
    status.id = "certainty-status";
    status.setAttribute("role", "status");
    box.append(label, " ", errorsLabel, " ", status);
    place.appendChild(box);
    select.addEventListener("change", function () { state.certainty = select.value; changed(); });
    errors.addEventListener("change", function () { state.errors = errors.checked; changed(); });
    window.addEventListener("hashchange", function () {
      var next = read();
      if (next.certainty === state.certainty && next.errors === state.errors) return;
      state.certainty = next.certainty; state.errors = next.errors;
      select.value = state.certainty; errors.checked = state.errors;
      changed();
    });
  }

  // ---- the state travels with the reader: links to the site's pages carry it -----------------------
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a[href]");
    var mine = params();
    if (!a || !mine) return;
    var href = a.getAttribute("href");
    if (/^[a-z]+:|^\/\//i.test(href) || href.charAt(0) === "#") return;  // outside, or this page
    var at = href.indexOf("#");
    if (at >= 0 && href.slice(at + 1).indexOf("=") < 0) return;  // an anchor on that page stays one
    var base = at >= 0 ? href.slice(0, at) : href, fragment = at >= 0 ? href.slice(at + 1) : "";
    var kept = fragment.split("&").filter(function (p) { return p && !/^(certainty|errors)=/.test(p); });
    a.setAttribute("href", base + "#" + [mine].concat(kept).join("&"));
  }, true);

  var style = document.createElement("style");
  style.textContent =
    "[data-off]:not(mark) { display: none !important; }" +
    "mark[data-off] { background: transparent !important; border-bottom: 0 !important; text-decoration: none !important; }" +
    ".certainty-filter { margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .3rem .8rem; align-items: center; }" +
    ".certainty-filter select { font: inherit; }" +
    "#certainty-status { color: #444; font-size: .92em; }";
  document.head.appendChild(style);

  window.sergeCertainty = {
    levels: LEVELS,
    get state() { return { certainty: state.certainty, errors: state.errors }; },
    allows: allows,
    params: params,
    hashParams: hashParams,
    apply: apply,
    shown: [],
  };
  function start() {
    control();
    if (!isDefault()) save();  // the URL shows what the page shows
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
