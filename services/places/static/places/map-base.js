/* Shared by every Leaflet map of the portal; loaded right after leaflet.js.
   Leaflet guesses the folder of its marker images from its stylesheet's file name, which hashed static
   names (leaflet.3f2a….css) defeat, so the images were requested next to the page and missed. The
   template names each image's collected URL on this script's tag instead. */
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
})();
