/* Progressive enhancement of the report form: character counter, the chosen category's extra
   questions, grid list follows the community, and "use my current location" (the form works fully
   without any of this). */
(function () {
  "use strict";
  var form = document.querySelector(".feedback-form");
  if (!form) return;

  var counter = form.querySelector("[data-count-for]");
  if (counter) {
    var area = document.getElementById(counter.getAttribute("data-count-for"));
    var max = parseInt(area.getAttribute("maxlength") || "2000", 10);
    var update = function () { counter.textContent = "已输入 " + area.value.length + " / " + max + " 字"; };
    counter.hidden = false;
    area.addEventListener("input", update);
    update();
  }

  // Extra questions: every category's fieldset is in the page; show only the chosen category's.
  var categorySelect = form.querySelector("#id_category");
  var questionSets = form.querySelectorAll("[data-category-questions] fieldset[data-category]");
  if (categorySelect && questionSets.length) {
    var hint = form.querySelector("[data-questions-hint]");
    if (hint) hint.hidden = true;
    var showQuestions = function () {
      Array.prototype.forEach.call(questionSets, function (set) {
        set.hidden = set.getAttribute("data-category") !== categorySelect.value;
      });
    };
    categorySelect.addEventListener("change", showQuestions);
    showQuestions();
  }

  var community = form.querySelector("#id_community");
  var grid = form.querySelector("#id_grid");
  if (community && grid) {
    var all = Array.prototype.slice.call(grid.options).map(function (o) { return { value: o.value, text: o.text }; });
    var filter = function () {
      var name = community.value ? community.options[community.selectedIndex].text.split(" · ").pop() : "";
      var current = grid.value;
      grid.innerHTML = "";
      all.forEach(function (o) {
        if (!o.value || !name || o.text.indexOf(name + " · ") === 0) {
          var opt = document.createElement("option");
          opt.value = o.value; opt.textContent = o.text; opt.selected = o.value === current;
          grid.appendChild(opt);
        }
      });
    };
    community.addEventListener("change", filter);
    filter();
  }

  // Optional pin map (Leaflet, tiles from the district's own provider; no tiles = plain background).
  var mapEl = form.querySelector("[data-pin-map]");
  var marker = null, map = null;
  var A = 6378245.0, EE = 0.00669342162296594323;
  function tLat(x, y) {
    var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
    return r + (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
  }
  function tLng(x, y) {
    var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
    return r + (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
  }
  function toGcj(lat, lng) {
    var dLat = tLat(lng - 105.0, lat - 35.0), dLng = tLng(lng - 105.0, lat - 35.0);
    var rad = lat / 180.0 * Math.PI, magic = 1 - EE * Math.sin(rad) * Math.sin(rad), sq = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sq) * Math.PI);
    dLng = (dLng * 180.0) / (A / sq * Math.cos(rad) * Math.PI);
    return [lat + dLat, lng + dLng];
  }
  var options = {};
  function toMap(lat, lng) { return options.datum === "gcj02" ? toGcj(lat, lng) : [lat, lng]; }
  function fromMap(lat, lng) {  // one fixed-point step inverts GCJ-02 to well under a metre
    if (options.datum !== "gcj02") return [lat, lng];
    var g = toGcj(lat, lng);
    return [2 * lat - g[0], 2 * lng - g[1]];
  }
  function setPin(lat, lng, fromMapClick) {
    var wgs = fromMapClick ? fromMap(lat, lng) : [lat, lng];
    form.querySelector("#id_latitude").value = wgs[0].toFixed(6);
    form.querySelector("#id_longitude").value = wgs[1].toFixed(6);
    if (map) {
      var p = fromMapClick ? [lat, lng] : toMap(lat, lng);
      if (marker) { marker.setLatLng(p); } else {
        marker = window.L.marker(p, { keyboard: false, draggable: true }).addTo(map);
        marker.on("dragend", function () { var ll = marker.getLatLng(); setPin(ll.lat, ll.lng, true); });
      }
    }
  }
  if (mapEl && window.L) {
    try { options = JSON.parse(mapEl.getAttribute("data-map-options")); } catch (e) { options = {}; }
    form.querySelector("[data-pin-wrap]").hidden = false;
    map = window.L.map(mapEl, { center: toMap(options.center[0], options.center[1]), zoom: options.zoom || 14, scrollWheelZoom: false });
    map.attributionControl.setPrefix(false);
    if (options.tileUrl) {
      window.L.tileLayer(options.tileUrl, { maxZoom: options.maxZoom || 18, attribution: options.attribution || "" }).addTo(map);
    }
    map.on("click", function (e) { setPin(e.latlng.lat, e.latlng.lng, true); });
    var lat0 = parseFloat(form.querySelector("#id_latitude").value), lng0 = parseFloat(form.querySelector("#id_longitude").value);
    if (!isNaN(lat0) && !isNaN(lng0)) { setPin(lat0, lng0, false); map.setView(toMap(lat0, lng0), 17); }
  }

  var locate = form.querySelector("[data-locate]");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    var status = locate.querySelector("[data-locate-status]");
    locate.querySelector("[data-locate-button]").addEventListener("click", function () {
      status.textContent = "正在获取位置…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        setPin(pos.coords.latitude, pos.coords.longitude, false);
        if (map) { map.setView(toMap(pos.coords.latitude, pos.coords.longitude), 17); }
        status.textContent = "已记录位置：" + pos.coords.latitude.toFixed(5) + ", " + pos.coords.longitude.toFixed(5);
      }, function () {
        status.textContent = "未能获取位置，请在上方用文字描述地点。";
      }, { enableHighAccuracy: true, timeout: 10000 });
    });
  }
})();
