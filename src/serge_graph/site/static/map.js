// map.html: the located places on Natural Earth's outlines (vendored), drawn with d3-geo.
// Data: the JSON in #map-data (places, unlocated, movements), written by the site builder.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  // drawn at the size it is shown, so that names stay readable on a phone
  var W = 960, H = 560, PAD = 16;
  function measure() {
    W = Math.max(300, Math.round(svg.getBoundingClientRect().width || 960));
    H = Math.round(W < 600 ? W * 1.05 : W * 0.58);
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  }
  var world = topojson.feature(window.WORLD_ATLAS, window.WORLD_ATLAS.objects.countries);
  var borders = topojson.mesh(window.WORLD_ATLAS, window.WORLD_ATLAS.objects.countries, function (a, b) { return a !== b; });
  // each view: the corners [long, lat] of what it shows
  var VIEWS = {
    "world": [[-130, -10], [150, 70]],
    "europe": [[-10, 36], [40, 66]],
    "atlantic": [[-110, 12], [40, 62]],
    "mexico-city": [[-99.3, 19.3], [-99.0, 19.5]]
  };
  var placeByIri = {};
  data.places.forEach(function (p) { placeByIri[p.iri] = p; });
  var maxMentions = Math.max.apply(null, data.places.map(function (p) { return p.mentions; }).concat([1]));

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function radius(p, zoomed) {
    var r = (W < 600 ? 3 : 3.5) + (W < 600 ? 7 : 9) * Math.sqrt(p.mentions / maxMentions);
    return zoomed ? r * 1.2 : r;
  }
  function outline(box) {
    return { type: "MultiPoint", coordinates: [box[0], [box[1][0], box[0][1]], box[1], [box[0][0], box[1][1]]] };
  }
  var view = (location.hash.match(/view=([a-z-]+)/) || [])[1];
  if (!VIEWS[view]) view = "world";
  // the selection shared with the timeline and the network: #years=1940-1947&person=victor-serge
  var C = window.sergeCertainty;
  var slider = document.getElementById("map-year"), year = +slider.value;
  var chosen = { years: null, person: "" };
  function readSelection() {
    var url = C.hashParams(), years = /^(\d{4})-(\d{4})$/.exec(url.years || "");
    chosen.years = years ? [Math.min(+years[1], +years[2]), Math.max(+years[1], +years[2])] : null;
    chosen.person = (url.person || "").replace(/[^a-z0-9-]/g, "");
    var who = data.movements.filter(function (m) { return m.person === chosen.person; })[0];
    var name = who ? who.name : chosen.person;
    if (chosen.years) {  // the slider shows who was where at the end of the chosen years
      year = Math.max(+slider.min, Math.min(+slider.max, chosen.years[1]));
      slider.value = year;
      document.getElementById("map-year-value").textContent = String(year);
    }
    var note = document.getElementById("map-selection");
    note.textContent = (chosen.years ? "Places where something the graph dates happened in " + chosen.years[0] + "–" + chosen.years[1] + ". " : "") +
      (chosen.person ? "Marked: the places of " + name + "." : "");
  }
  function placeInYears(p) {
    if (!chosen.years) return true;
    return p.years.some(function (span) { return span[1] >= chosen.years[0] && span[0] <= chosen.years[1]; });
  }
  function legInYears(a, b) {
    if (!chosen.years) return true;
    var first = +a.earliest.slice(0, 4), last = +((b.latest || b.earliest).slice(0, 4));
    return last >= chosen.years[0] && first <= chosen.years[1];
  }
  function writeHash() {
    var url = C.hashParams();
    var parts = [C.params()];
    if (view !== "world") parts.push("view=" + view);
    if (url.years) parts.push("years=" + url.years);
    if (url.person) parts.push("person=" + url.person);
    var hash = parts.filter(Boolean).join("&");
    history.replaceState(null, "", location.pathname + (hash ? "#" + hash : ""));
    var shared = parts.filter(function (p) { return p && p.indexOf("view=") !== 0; }).join("&");
    document.querySelectorAll("a[data-view-link]").forEach(function (a) {
      a.href = a.getAttribute("href").split("#")[0] + (shared ? "#" + shared : "");
    });
  }
  readSelection();


  function draw() {
    measure();
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var projection = d3.geoMercator().fitExtent([[PAD, PAD], [W - PAD, H - PAD]], outline(VIEWS[view]));
    var path = d3.geoPath(projection);
    el("rect", { x: 0, y: 0, width: W, height: H, "class": "sea" }, svg);
    el("path", { d: path(world), "class": "land" }, svg);
    el("path", { d: path(borders), "class": "border" }, svg);
    var routes = el("g", { "class": "routes" }, svg);
    data.movements.forEach(function (m, index) {
      var steps = m.steps.filter(function (s) { return placeByIri[s.place]; });
      for (var i = 1; i < steps.length; i++) {
        var a = placeByIri[steps[i - 1].place], b = placeByIri[steps[i].place];
        if (a === b) continue;
        // a leg is as sure as the less sure of its two steps
        var sure = C.levels.indexOf(steps[i - 1].certainty) > C.levels.indexOf(steps[i].certainty) ? steps[i - 1].certainty : steps[i].certainty;
        var rank = steps[i - 1].rank === "deprecated" || steps[i].rank === "deprecated" ? "deprecated" : "normal";
        if (!C.allows(sure, rank) || !legInYears(steps[i - 1], steps[i])) continue;
        var kind = steps[i - 1].date && steps[i].date ? "dated" : "implied";
        var line = { type: "LineString", coordinates: [[a.long, a.lat], [b.long, b.lat]] };
        var leg = el("path", { d: path(line), "class": "leg " + kind + " who-" + (index + 1), "data-certainty": sure, "data-rank": rank }, routes);
        el("title", {}, leg).textContent = m.name + ": " + a.name + " → " + b.name + (kind === "dated" ? " (dated by the text)" : " (order implied)");
      }
    });
    var marks = el("g", { "class": "marks" }, svg);
    var zoomed = view !== "world";
    data.places.slice().sort(function (a, b) { return b.mentions - a.mentions; }).forEach(function (p) {
      var xy = projection([p.long, p.lat]);
      var inside = xy[0] >= 0 && xy[0] <= W && xy[1] >= 0 && xy[1] <= H;
      if (!placeInYears(p)) return;  // nothing the graph dates happened there in the chosen years
      var mine = chosen.person ? (p.people.indexOf(chosen.person) >= 0 ? " chosen" : " dimmed") : "";
      var link = el("a", { href: p.page, "data-place": p.iri, "class": "mark " + (inside ? "" : "outside") + mine,
        "aria-label": p.name + " (" + p.type + ", " + p.mentions + " mentions; point from general knowledge: " + p.reference_title + ")" }, marks);
      el("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: radius(p, zoomed).toFixed(1), "class": "dot " + p.type }, link);
      var showLabel = zoomed || p.mentions >= 3 || p.type === "country";
      if (showLabel) {
        var left = xy[0] > W - 90;  // near the right edge the name goes to the left of its dot
        var dx = (radius(p, zoomed) + 2) * (left ? -1 : 1);
        var text = el("text", { x: (xy[0] + dx).toFixed(1), y: (xy[1] + 4).toFixed(1), "class": "name",
          "text-anchor": left ? "end" : "start" }, link);
        text.textContent = p.name;
      }
      el("title", {}, link).textContent = p.name + " — " + p.mentions + " mentions; point: " + p.reference_title;
    });
    drawPeople(projection);
  }

  // where each traveller was last placed by a dated step, in the chosen year
  function whereabouts(m) {
    var last = null;
    m.steps.forEach(function (s) {
      if (!placeByIri[s.place] || +s.earliest.slice(0, 4) > year) return;
      // of two steps that may have begun on the same day, the one whose end is known places
      // the traveller (a bound with no end, "after July 1936", says little of when)
      if (last && s.earliest === last.earliest && last.latest && !s.latest) return;
      last = s;
    });
    return last;
  }
  function drawPeople(projection) {
    var layer = el("g", { "class": "people", "aria-hidden": "true" }, svg);
    var list = document.getElementById("map-whereabouts");
    while (list.firstChild) list.removeChild(list.firstChild);
    data.movements.forEach(function (m, index) {
      var s = whereabouts(m);
      var item = document.createElement("li");
      item.className = "who who-" + (index + 1);
      list.appendChild(item);
      if (!s) { item.textContent = m.name + ": no dated step yet"; return; }
      var p = placeByIri[s.place], xy = projection([p.long, p.lat]);
      el("circle", { cx: xy[0], cy: xy[1], r: 14 + 5 * index, "class": "person who-" + (index + 1) }, layer);
      var when = s.date ? s.date : "between " + s.earliest + (s.latest ? " and " + s.latest : " and later");
      item.textContent = m.name + ": " + p.name + " (" + s.label + ", " + when + "; " + s.certainty + ")";
    });
  }

  document.querySelectorAll(".map-controls button").forEach(function (button) {
    button.setAttribute("aria-pressed", String(button.dataset.view === view));
    button.addEventListener("click", function () {
      view = button.dataset.view;
      document.querySelectorAll(".map-controls button").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b === button));
      });
      writeHash();
      draw();
    });
  });
  document.getElementById("map-year").addEventListener("input", function (event) {
    year = +event.target.value;
    document.getElementById("map-year-value").textContent = String(year);
    draw();
  });
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(draw, 150);
  });
  document.addEventListener("serge:certainty", function () { writeHash(); draw(); });
  window.addEventListener("hashchange", function () { readSelection(); draw(); });
  writeHash();
  draw();
  document.body.dataset.mapDrawn = "yes";
})();
