/* Progressive enhancement shared by every page. Everything works without it. */
(function () {
  "use strict";
  // Print buttons are hidden until JavaScript can run them.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
