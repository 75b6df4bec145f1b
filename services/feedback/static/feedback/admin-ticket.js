/* Ticket page in the admin: choosing a reply template fills the reply box (no inline handlers, for CSP). */
(function () {
  "use strict";
  document.querySelectorAll("[data-reply-template-for]").forEach(function (select) {
    select.addEventListener("change", function () {
      var target = document.getElementById(select.getAttribute("data-reply-template-for"));
      if (target && select.value) { target.value = select.value; }
    });
  });
})();
