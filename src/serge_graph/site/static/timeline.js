// The timeline's filters: a span of years, a person, a source, and the certainty filter
// (certainty.js, inlined before this). The selection lives in the URL (#years=1940-1947&person=
// victor-serge&source=…) and the links to the map and the network carry it. Inlined into
// timeline.html, so the page stays one offline file.
(function () {
  "use strict";
  // inlined in the page's head (the body holds no script): everything waits for the rows
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  function init() {
  var from = document.getElementById("years-from"), to = document.getElementById("years-to");
  var person = document.getElementById("person"), source = document.getElementById("source");
  var only = document.getElementById("person-only");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".row.event"));
  var undated = Array.prototype.slice.call(document.querySelectorAll(".undated-event"));
  var first = Number(from.min), last = Number(from.max);
  var C = window.sergeCertainty;

  function fromHash() {
    var url = C.hashParams();
    var years = /^(\d{4})-(\d{4})$/.exec(url.years || "");
    from.value = years ? years[1] : first;
    to.value = years ? years[2] : last;
    person.value = known(person, url.person);
    source.value = known(source, url.source);
    only.checked = url.only === "1";
  }
  function known(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
  }
  function selection() {
    var a = Number(from.value) || first, b = Number(to.value) || last;
    return { from: Math.min(a, b), to: Math.max(a, b), person: person.value, source: source.value,
             only: only.checked && !!person.value };
  }
  // the selection as URL parameters, the certainty filter's first
  function params(chosen) {
    var parts = [];
    if (C.params()) parts.push(C.params());
    if (chosen.from > first || chosen.to < last) parts.push("years=" + chosen.from + "-" + chosen.to);
    if (chosen.person) parts.push("person=" + encodeURIComponent(chosen.person));
    if (chosen.only) parts.push("only=1");
    if (chosen.source) parts.push("source=" + encodeURIComponent(chosen.source));
    return parts.join("&");
  }
  function apply(write) {
    var chosen = selection(), shown = 0, theirs = 0, total = rows.length;
    // a person's events are highlighted, the others dimmed; "only their events" hides the others
    function mark(element, keep) {
      var mine = !!chosen.person && element.dataset.people.split(" ").indexOf(chosen.person) >= 0;
      keep = keep && (mine || !chosen.only);
      if (keep) element.removeAttribute("data-out"); else element.setAttribute("data-out", "");
      element.classList.toggle("chosen", mine);
      element.classList.toggle("dimmed", !!chosen.person && !mine);
      return keep && mine;
    }
    rows.forEach(function (row) {
      var span = row.dataset.years.split(" ").map(Number), sources = row.dataset.sources.split(" ");
      var keep = span[1] >= chosen.from && span[0] <= chosen.to &&
        (!chosen.source || sources.indexOf(chosen.source) >= 0);
      var mine = mark(row, keep);
      if (!row.hasAttribute("data-out") && !row.hasAttribute("data-off")) {
        shown += 1;
        if (mine) theirs += 1;
      }
    });
    undated.forEach(function (item) { mark(item, true); });
    document.getElementById("timeline-count").textContent = "Showing " + shown + " of " + total + " dated events" +
      (chosen.person ? ", " + theirs + " with " + person.options[person.selectedIndex].text + " (highlighted)." : ".");
    window.sergeTimeline.shown = shown;
    var hash = params(chosen);
    if (write) history.replaceState(null, "", location.pathname + (hash ? "#" + hash : ""));
    // the other views, with the same selection (the map and the network take years and person)
    var shared = hash.split("&").filter(function (p) { return p && !/^(source|only)=/.test(p); }).join("&");
    document.querySelectorAll("a[data-view-link]").forEach(function (a) {
      a.href = a.getAttribute("href").split("#")[0] + (shared ? "#" + shared : "");
    });
    document.body.dataset.stable = "yes";
  }
  window.sergeTimeline = { shown: 0 };
  [from, to, person, source, only].forEach(function (control) {
    control.addEventListener("change", function () { apply(true); });
  });
  document.getElementById("timeline-reset").addEventListener("click", function () {
    from.value = first; to.value = last; person.value = ""; source.value = ""; only.checked = false;
    apply(true);
  });
  document.addEventListener("serge:certainty", function () { apply(true); });
  window.addEventListener("hashchange", function () { fromHash(); apply(false); });
  fromHash();
  C.apply();
  apply(false);
  }
})();
