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

  // Optional pin map (Leaflet over the district's own outlines and roads, and its tile server if any).
  var mapEl = form.querySelector("[data-pin-map]");
  var marker = null, map = null;
  var toGcj = window.Gcj02.toGcj, toWgs = window.Gcj02.toWgs;  // static/js/gcj02.js
  var options = {};
  function toMap(lat, lng) { return options.datum === "gcj02" ? toGcj(lat, lng) : [lat, lng]; }
  function fromMap(lat, lng) { return options.datum === "gcj02" ? toWgs(lat, lng) : [lat, lng]; }
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
    if (window.PortalMap) { window.PortalMap.addBase(map, options, { gridLinks: false }); }
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
