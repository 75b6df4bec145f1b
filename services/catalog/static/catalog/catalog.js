/* Catalog enhancements; every page works without this file. */
(function () {
  "use strict";
  // A form marked data-once cannot be sent twice by a double tap (the server also ignores repeats).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    });
  });
  // Move focus to the error summary so screen-reader users hear what to fix.
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
})();
