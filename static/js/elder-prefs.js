/* Elderly mode: the reader's text size and large cursor, applied before the page is drawn (loaded in the
   head, elderly mode only). The choices are kept in this browser only (localStorage); elder-tools.js
   offers them. */
(function () {
  "use strict";
  try {
    var root = document.documentElement;
    var size = window.localStorage.getItem("elder-text-size");
    if (size === "150" || size === "200") root.classList.add("text-" + size);
    if (window.localStorage.getItem("elder-big-cursor") === "1") root.classList.add("big-cursor");
  } catch (error) {
    /* storage refused (private mode): the defaults stay */
  }
})();
