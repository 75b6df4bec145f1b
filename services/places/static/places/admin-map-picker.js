/* Admin coordinate picker: click or drag to set latitude/longitude (WGS-84) of a station or community. */
(function () {
  "use strict";
  var A = 6378245.0, EE = 0.00669342162296594323;
  function tLat(x, y) {
    var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    return r;
  }
  function tLng(x, y) {
    var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    return r;
  }
  function toGcj(lat, lng) {
    var dLat = tLat(lng - 105.0, lat - 35.0), dLng = tLng(lng - 105.0, lat - 35.0);
    var rad = lat / 180.0 * Math.PI, magic = 1 - EE * Math.sin(rad) * Math.sin(rad), sq = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sq) * Math.PI);
    dLng = (dLng * 180.0) / (A / sq * Math.cos(rad) * Math.PI);
    return [lat + dLat, lng + dLng];
  }
  function toWgs(lat, lng) {
    var w = [lat, lng];
    for (var i = 0; i < 30; i++) {
      var g = toGcj(w[0], w[1]);
      w = [w[0] - (g[0] - lat), w[1] - (g[1] - lng)];
    }
    return w;
  }

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
    if (options.tileUrl) {
      L.tileLayer(options.tileUrl, { maxZoom: options.maxZoom || 18, attribution: options.attribution || "" }).addTo(map);
    }
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
