/* WGS-84 ⇄ GCJ-02, the datum of most Chinese map tiles: the one copy for every map on the site and in the
   admin (same algorithm as portal/ground/geo.py). Points outside China are returned unchanged. */
(function () {
  "use strict";
  var A = 6378245.0, EE = 0.00669342162296594323;
  function outOfChina(lat, lng) { return !(lng > 73.66 && lng < 135.05 && lat > 3.86 && lat < 53.55); }
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
    if (outOfChina(lat, lng)) { return [lat, lng]; }
    var dLat = tLat(lng - 105.0, lat - 35.0), dLng = tLng(lng - 105.0, lat - 35.0);
    var rad = lat / 180.0 * Math.PI, magic = 1 - EE * Math.sin(rad) * Math.sin(rad), sq = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sq) * Math.PI);
    dLng = (dLng * 180.0) / (A / sq * Math.cos(rad) * Math.PI);
    return [lat + dLat, lng + dLng];
  }
  // The inverse has no closed form: a few fixed-point steps bring a round trip well under a millimetre.
  function toWgs(lat, lng) {
    if (outOfChina(lat, lng)) { return [lat, lng]; }
    var w = [lat, lng];
    for (var i = 0; i < 30; i++) {
      var g = toGcj(w[0], w[1]);
      var dLat = g[0] - lat, dLng = g[1] - lng;
      w = [w[0] - dLat, w[1] - dLng];
      if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) { break; }
    }
    return w;
  }
  window.Gcj02 = { outOfChina: outOfChina, toGcj: toGcj, toWgs: toWgs };
})();
