/* Shared by every Leaflet map of the portal; loaded right after leaflet.js.
   1. Marker images: Leaflet guesses their folder from its stylesheet's file name, which hashed static
      names (leaflet.3f2a….css) defeat, so they were requested next to the page and missed. The template
      names each image's collected URL on this script's tag instead.
   2. The base map: the district's own community and grid outlines, names and main roads
      (/api/v1/boundaries.geojson), drawn under the markers so that a map needs no outside service; a
      configured tile server (天地图 or the district's own) goes underneath, with its attribution and 审图号. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (typeof L === "undefined" || !script) { return; }
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: script.getAttribute("data-marker-icon"),
    iconRetinaUrl: script.getAttribute("data-marker-icon-2x"),
    shadowUrl: script.getAttribute("data-marker-shadow")
  });

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function gridPopup(p, words) {
    var html = '<div class="map-popup"><p class="map-popup__title"><a href="' + escapeHtml(p.url) + '">' +
      escapeHtml(p.community + " · " + p.name) + "</a></p>";
    if (p.grid_worker) {
      html += "<p>" + escapeHtml(words.gridWorker) + "：" + escapeHtml(p.grid_worker) + "</p>";
    }
    return html + '<p><a href="' + escapeHtml(p.grid_worker_url) + '">' + escapeHtml(words.contact) + "</a></p></div>";
  }

  /* Draw the base of ``map``: tiles when configured, then the district's outlines and roads.
     hooks.onTileError() runs once when a tile fails; hooks.onBase(count) once the outlines are drawn;
     hooks.gridLinks === false leaves grids without popups (maps whose clicks place a pin). */
  function addBase(map, options, hooks) {
    hooks = hooks || {};
    var words = options.words || {};
    var gcj = options.datum === "gcj02";
    var container = map.getContainer();
    // static/js/gcj02.js (the one copy of the datum shift) is loaded with this file.
    function project(lat, lng) { return gcj && window.Gcj02 ? window.Gcj02.toGcj(lat, lng) : [lat, lng]; }
    function latLng(position) { return project(position[1], position[0]); }

    if (options.tileUrl) {
      var failed = false;
      L.tileLayer(options.tileUrl, { maxZoom: options.maxZoom || 18, attribution: escapeHtml(options.attribution || "") })
        .on("tileerror", function () {
          if (!failed) { failed = true; if (hooks.onTileError) { hooks.onTileError(); } }
        }).addTo(map);
    } else {
      container.classList.add("portal-map--offline");
    }
    if (!options.boundariesUrl || !window.fetch) { if (hooks.onBase) { hooks.onBase(0); } return; }
    map.createPane("portalBase").style.zIndex = 350;
    map.createPane("portalLabels").style.zIndex = 450;
    map.getPane("portalLabels").style.pointerEvents = "none";
    function showGridLabels() { container.classList.toggle("portal-map--near", map.getZoom() >= 15); }
    map.on("zoomend", showGridLabels);
    showGridLabels();

    fetch(options.boundariesUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (data) {
        var byKind = { community: [], grid: [], road: [] };
        data.features.forEach(function (f) { (byKind[f.properties.kind] || []).push(f); });
        if (!options.tileUrl) {
          byKind.road.forEach(function (f) {
            var line = f.geometry.coordinates.map(latLng), main = f.properties.road_kind === "main";
            L.polyline(line, { pane: "portalBase", color: "#b3a998", weight: main ? 9 : 6, interactive: false }).addTo(map);
            L.polyline(line, { pane: "portalBase", color: "#ffffff", weight: main ? 6 : 3.5, interactive: false }).addTo(map);
            var middle = line[Math.floor(line.length / 2)];
            L.tooltip({ permanent: true, direction: "center", className: "map-label map-label--road", pane: "portalLabels" })
              .setLatLng(middle).setContent(escapeHtml(f.properties.name)).addTo(map);
          });
        }
        function area(f, style, interactive) {
          var layer = L.geoJSON(f, { pane: "portalBase", style: style, interactive: interactive, coordsToLatLng: function (c) { return L.latLng(latLng(c)); } });
          L.tooltip({ permanent: true, direction: "center", className: "map-label map-label--" + f.properties.kind, pane: "portalLabels" })
            .setLatLng(latLng(f.properties.label_point)).setContent(escapeHtml(f.properties.name)).addTo(map);
          return layer.addTo(map);
        }
        byKind.community.forEach(function (f) {
          area(f, { color: "#7d1712", weight: 2.5, opacity: 0.9, fillColor: "#f3ebe0", fillOpacity: options.tileUrl ? 0.08 : 0.55 }, false);
        });
        byKind.grid.forEach(function (f) {
          var links = hooks.gridLinks !== false;
          var layer = area(f, { color: "#8a5300", weight: 1.2, opacity: 0.8, dashArray: "4 4", fillOpacity: links ? 0.01 : 0 }, links);
          if (links) { layer.bindPopup(gridPopup(f.properties, words)); }
        });
        container.setAttribute("data-base-features", String(data.features.length));
        if (hooks.onBase) { hooks.onBase(data.features.length); }
      })
      .catch(function () {
        container.setAttribute("data-base-features", "0");
        if (hooks.onBase) { hooks.onBase(0); }
      });
  }

  window.PortalMap = { addBase: addBase };
})();
