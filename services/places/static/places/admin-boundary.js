/* Admin outline drawer: each click on the map adds the next point of a community's or grid's boundary
   (a closed area) or of a road (a line); the text area holds the result as GeoJSON in WGS-84, and typed
   GeoJSON is drawn. Tiles in the GCJ-02 datum are not corrected here: draw over the district's outlines. */
(function () {
  "use strict";

  function readPoints(text, shape) {
    try {
      var geometry = JSON.parse(text);
      if (shape === "line" && geometry.type === "LineString") { return geometry.coordinates.slice(); }
      if (geometry.type === "Polygon") { return geometry.coordinates[0].slice(0, -1); }
    } catch (e) { /* empty or not GeoJSON yet: start a new drawing */ }
    return [];
  }

  function writePoints(input, points, shape) {
    var value = "";
    if (shape === "line" && points.length >= 2) {
      value = JSON.stringify({ type: "LineString", coordinates: points });
    } else if (shape !== "line" && points.length >= 3) {
      value = JSON.stringify({ type: "Polygon", coordinates: [points.concat([points[0]])] });
    }
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setup(box) {
    if (box.getAttribute("data-ready")) { return; }
    box.setAttribute("data-ready", "1");
    var input = document.getElementById(box.getAttribute("data-input"));
    if (!input || typeof L === "undefined") { return; }
    var shape = box.getAttribute("data-shape");
    var options = JSON.parse(box.getAttribute("data-options") || "{}");
    var map = L.map(box.querySelector(".map-picker__map"), { center: options.center, zoom: options.zoom || 13 });
    map.attributionControl.setPrefix(false);
    if (window.PortalMap) { window.PortalMap.addBase(map, options, { gridLinks: false }); }
    var points = readPoints(input.value, shape);
    var drawn = null, corners = L.layerGroup().addTo(map);

    function redraw(fit) {
      if (drawn) { map.removeLayer(drawn); }
      corners.clearLayers();
      var latlngs = points.map(function (p) { return [p[1], p[0]]; });
      drawn = (shape === "line" ? L.polyline(latlngs, { color: "#0b57d0", weight: 4 }) :
        L.polygon(latlngs, { color: "#0b57d0", weight: 3, fillOpacity: 0.15 })).addTo(map);
      latlngs.forEach(function (ll) { L.circleMarker(ll, { radius: 5, color: "#0b57d0", fillOpacity: 1 }).addTo(corners); });
      if (fit && latlngs.length) { map.fitBounds(drawn.getBounds(), { padding: [20, 20], maxZoom: 17 }); }
      box.setAttribute("data-points", String(points.length));
    }
    map.on("click", function (e) {
      points.push([Number(e.latlng.lng.toFixed(6)), Number(e.latlng.lat.toFixed(6))]);
      writePoints(input, points, shape);
      redraw(false);
    });
    box.querySelector("[data-undo]").addEventListener("click", function () {
      points.pop();
      writePoints(input, points, shape);
      redraw(false);
    });
    box.querySelector("[data-clear]").addEventListener("click", function () {
      points = [];
      writePoints(input, points, shape);
      redraw(false);
    });
    input.addEventListener("input", function () { points = readPoints(input.value, shape); redraw(true); });
    redraw(true);
    setTimeout(function () { map.invalidateSize(); }, 300);
  }

  function init() { document.querySelectorAll("[data-boundary-drawer]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
