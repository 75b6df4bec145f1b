/* Admin coordinate picker: click or drag to set latitude/longitude (WGS-84) of a station or community. */
(function () {
  "use strict";
  var toGcj = window.Gcj02.toGcj, toWgs = window.Gcj02.toWgs;  // static/js/gcj02.js

  function setup(box) {
    if (box.getAttribute("data-ready")) { return; }
    box.setAttribute("data-ready", "1");
    var latInput = document.getElementById(box.getAttribute("data-lat-input"));
    var lngInput = document.getElementById(box.getAttribute("data-lng-input"));
    if (!latInput || !lngInput || typeof L === "undefined") { return; }
    var options = JSON.parse(box.getAttribute("data-options") || "{}");
    var gcjTiles = options.datum === "gcj02";
    function show(lat, lng) { return gcjTiles ? toGcj(lat, lng) : [lat, lng]; }
    function store(lat, lng) { return gcjTiles ? toWgs(lat, lng) : [lat, lng]; }
    var map = L.map(box.querySelector(".map-picker__map"), { center: show(options.center[0], options.center[1]), zoom: options.zoom || 13 });
    map.attributionControl.setPrefix(false);
    if (window.PortalMap) { window.PortalMap.addBase(map, options, { gridLinks: false }); }
    var marker = null;
    function place(lat, lng, pan) {
      var pos = show(lat, lng);
      if (!marker) {
        marker = L.marker(pos, { draggable: true }).addTo(map);
        marker.on("dragend", function () {
          var p = marker.getLatLng(), w = store(p.lat, p.lng);
          write(w[0], w[1]);
        });
      } else {
        marker.setLatLng(pos);
      }
      if (pan) { map.setView(pos, Math.max(map.getZoom(), 16)); }
    }
    function write(lat, lng) {
      latInput.value = lat.toFixed(6);
      lngInput.value = lng.toFixed(6);
      latInput.dispatchEvent(new Event("change", { bubbles: true }));
      lngInput.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function readInputs(pan) {
      var lat = parseFloat(latInput.value), lng = parseFloat(lngInput.value);
      if (isFinite(lat) && isFinite(lng)) { place(lat, lng, pan); }
    }
    map.on("click", function (e) {
      var w = store(e.latlng.lat, e.latlng.lng);
      write(w[0], w[1]);
      place(w[0], w[1], false);
    });
    latInput.addEventListener("change", function () { readInputs(true); });
    lngInput.addEventListener("change", function () { readInputs(true); });
    var convert = box.querySelector("[data-gcj-convert]");
    if (convert) {
      convert.addEventListener("click", function () {
        var lat = parseFloat(latInput.value), lng = parseFloat(lngInput.value);
        if (!isFinite(lat) || !isFinite(lng)) { return; }
        var w = toWgs(lat, lng);
        write(w[0], w[1]);
        place(w[0], w[1], true);
      });
    }
    readInputs(true);
    // The editor may show the panel in a collapsed section: fix the size once it is visible.
    setTimeout(function () { map.invalidateSize(); }, 300);
  }

  function init() { document.querySelectorAll("[data-map-picker]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
