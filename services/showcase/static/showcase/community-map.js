/* Stations of a model community on a small Leaflet map with marker clustering.
   Progressive enhancement: without JavaScript (or without Leaflet) the server-drawn sketch and the
   numbered list are the map; with it the sketch gives way to this map. The tile server comes from the
   places app's map settings; when none is set or none answers, the markers still show on a plain grid.
   The data (markers already in the tiles' datum, options, translated messages) is a JSON script. */
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function popupHtml(m) {
    var title = m.url ? '<a href="' + escapeHtml(m.url) + '">' + escapeHtml(m.name) + "</a>" : escapeHtml(m.name);
    var html = '<div class="community-map__popup"><p class="community-map__popup-title">' + m.number + ". " + title + "</p>";
    if (m.kind) { html += "<p>" + escapeHtml(m.kind) + "</p>"; }
    if (m.address) { html += "<p>" + escapeHtml(m.address) + "</p>"; }
    return html + "</div>";
  }

  function markerIcon(m) {
    return L.divIcon({
      className: "community-map__marker",
      html: '<span aria-hidden="true">' + m.number + '</span><span class="visually-hidden">' +
        escapeHtml(m.number + ". " + m.name) + "</span>",
      iconSize: L.point(36, 36)
    });
  }

  function setup(wrapper) {
    var source = document.getElementById(wrapper.getAttribute("data-community-map"));
    var canvas = wrapper.querySelector("[data-map-canvas]");
    if (!source || !canvas) { return; }
    var data = JSON.parse(source.textContent);
    var options = data.options, text = data.messages;
    var note = wrapper.querySelector("[data-map-note]");
    function showNote(message) { if (note) { note.textContent = message; note.hidden = false; } }

    wrapper.hidden = false;
    var map = L.map(canvas, {
      center: options.center,
      zoom: options.zoom || 15,
      maxZoom: options.maxZoom || 18,
      scrollWheelZoom: false,
      zoomControl: false
    });
    map.attributionControl.setPrefix(false);
    L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    window.PortalMap.addBase(map, options, {
      onTileError: function () {
        wrapper.classList.add("community-map--no-tiles");
        showNote(text.tilesFailed);
      },
      onBase: function (count) {
        if (!count && !options.tileUrl) {
          wrapper.classList.add("community-map--no-tiles");
          showNote(text.noTiles);
        }
      }
    });
    // Leaflet labels its popup close button in English.
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", text.closePopup); close.setAttribute("title", text.closePopup); }
    });

    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 30,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        return L.divIcon({
          className: "community-map__cluster",
          html: '<span aria-hidden="true">' + n + '</span><span class="visually-hidden">' +
            escapeHtml(text.cluster.replace("{n}", n)) + "</span>",
          iconSize: L.point(44, 44)
        });
      }
    });
    var bounds = data.markers.map(function (m) {
      var marker = L.marker(m.position, { icon: markerIcon(m), title: m.number + ". " + m.name, riseOnHover: true });
      marker.bindPopup(popupHtml(m));
      clusters.addLayer(marker);
      return m.position;
    });
    // Frame the stations before the markers go on, so that clusters do not split in an animation.
    if (bounds.length === 1) {
      map.setView(bounds[0], 16, { animate: false });
    } else {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17, animate: false });
    }
    map.addLayer(clusters);
    document.querySelectorAll("[data-station-sketch]").forEach(function (sketch) {
      sketch.classList.add("station-map--replaced");
    });
    wrapper.setAttribute("data-markers", String(bounds.length));
  }

  function init() {
    if (typeof L === "undefined" || typeof L.markerClusterGroup === "undefined" || !window.PortalMap) { return; }
    document.querySelectorAll("[data-community-map]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
