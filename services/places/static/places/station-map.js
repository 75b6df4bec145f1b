/* Station map on /stations/ and station pages: Leaflet + marker clustering over the GeoJSON API.
   Progressive enhancement: without JavaScript the page is a list; without tiles the markers still show. */
(function () {
  "use strict";

  var toGcj = window.Gcj02.toGcj;  // static/js/gcj02.js, loaded before this file

  var messages = {};
  function t(key, values) {
    var text = messages[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.replace("%(" + name + ")s", values[name]); });
    return text;
  }

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function formatDistance(m) {
    if (m == null) { return ""; }
    return m < 1000 ? t("metres", { n: Math.round(m / 10) * 10 }) : t("kilometres", { n: (m / 1000).toFixed(1) });
  }

  function popupHtml(p) {
    var html = '<div class="map-popup"><p class="map-popup__title"><a href="' + escapeHtml(p.url) + '">' +
      escapeHtml(p.title) + "</a></p>";
    html += '<p class="map-popup__meta">' + escapeHtml(p.kind_label) + ' · <span class="status status--' +
      escapeHtml(p.status) + '">' + escapeHtml(p.status_label) + "</span></p>";
    if (p.distance_m != null) { html += "<p>" + escapeHtml(t("distance", { d: formatDistance(p.distance_m) })) + "</p>"; }
    html += "<p>" + escapeHtml(p.address) + "</p></div>";
    return html;
  }

  function setupMap(container) {
    var section = container.closest("[data-map-section]") || container.parentNode;
    var note = section.querySelector("[data-map-note]");
    var options = JSON.parse(container.getAttribute("data-map-options") || "{}");
    var gcj = options.datum === "gcj02";
    function project(lat, lng) { return gcj ? toGcj(lat, lng) : [lat, lng]; }
    function showNote(text) { if (note) { note.textContent = text; note.hidden = false; } }

    section.hidden = false;
    var map = L.map(container, {
      center: project(options.center[0], options.center[1]),
      zoom: options.zoom || 13,
      maxZoom: options.maxZoom || 18,
      scrollWheelZoom: false,
      tap: true
    });
    map.attributionControl.setPrefix(false);
    container.classList.add("station-map--ready");
    window.PortalMap.addBase(map, options, {
      onTileError: function () {
        container.classList.add("station-map--no-tiles");
        showNote(t("tilesFailed"));
      },
      onBase: function (count) {
        if (!count && !options.tileUrl) {
          container.classList.add("station-map--no-tiles");
          showNote(t("noTiles"));
        }
      }
    });
    L.control.scale({ imperial: false }).addTo(map);

    var near = container.getAttribute("data-near");
    if (near) {
      var parts = near.split(",").map(Number);
      L.circleMarker(project(parts[0], parts[1]), { radius: 8, color: "#0b57d0", fillOpacity: 0.6 })
        .bindTooltip(t("start")).addTo(map);
    }

    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 64,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        return L.divIcon({
          html: '<span aria-hidden="true">' + n + '</span><span class="visually-hidden">' + escapeHtml(t("cluster", { n: n })) + "</span>",
          className: "marker-cluster marker-cluster-" + (n < 10 ? "small" : n < 50 ? "medium" : "large"),
          iconSize: L.point(44, 44)
        });
      }
    });
    map.addLayer(clusters);

    var single = container.getAttribute("data-single");
    if (single) {
      var coords = single.split(",").map(Number);
      var pos = project(coords[0], coords[1]);
      L.marker(pos, { title: container.getAttribute("data-title") || "", alt: container.getAttribute("data-title") || "" }).addTo(map);
      map.setView(pos, 16);
      return;
    }

    fetch(container.getAttribute("data-geojson-url"), { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        var bounds = [];
        data.features.forEach(function (f) {
          var p = f.properties;
          var pos = project(f.geometry.coordinates[1], f.geometry.coordinates[0]);
          var label = p.title + "（" + p.status_label + "）";
          var marker = L.marker(pos, { title: label, alt: label, riseOnHover: true });
          marker.bindPopup(popupHtml(p));
          marker.feature = f;
          clusters.addLayer(marker);
          bounds.push(pos);
        });
        if (bounds.length === 1) {
          map.setView(bounds[0], 16);
        } else if (bounds.length) {
          map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
        } else {
          showNote(t("noResults"));
        }
        container.setAttribute("data-loaded", String(bounds.length));
      })
      .catch(function () {
        showNote(t("loadFailed"));
      });
  }

  function setupLocate(form) {
    var button = form.querySelector("[data-locate]");
    var message = form.querySelector("[data-locate-message]");
    if (!button || !("geolocation" in navigator)) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      message.textContent = t("locating");
      navigator.geolocation.getCurrentPosition(function (position) {
        var input = form.querySelector("[data-near-input]");
        if (!input) {
          input = document.createElement("input");
          input.type = "hidden";
          input.name = "near";
          input.setAttribute("data-near-input", "");
          form.appendChild(input);
        }
        input.value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
        var from = form.querySelector("[name=from]");
        if (from) { from.value = ""; }
        form.submit();
      }, function () {
        message.textContent = t("locateFailed");
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 });
    });
  }

  function init() {
    var source = document.getElementById("station-map-messages");
    if (source) { messages = JSON.parse(source.textContent); }
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("#station-map, [data-station-map]").forEach(setupMap);
    document.querySelectorAll("[data-station-filters]").forEach(setupLocate);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
