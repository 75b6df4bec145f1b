/* Progressive enhancement of the report form: character counter, grid list follows the community,
   and "use my current location" (the form works fully without any of this). */
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

  var locate = form.querySelector("[data-locate]");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    var status = locate.querySelector("[data-locate-status]");
    locate.querySelector("[data-locate-button]").addEventListener("click", function () {
      status.textContent = "正在获取位置…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        form.querySelector("#id_latitude").value = pos.coords.latitude.toFixed(6);
        form.querySelector("#id_longitude").value = pos.coords.longitude.toFixed(6);
        status.textContent = "已记录位置：" + pos.coords.latitude.toFixed(5) + ", " + pos.coords.longitude.toFixed(5);
      }, function () {
        status.textContent = "未能获取位置，请在上方用文字描述地点。";
      }, { enableHighAccuracy: true, timeout: 10000 });
    });
  }
})();
