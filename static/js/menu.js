/* The main menu on a phone: folded behind one "Menu" button.
   Progressive enhancement: without this script (or on a wide screen) the whole menu shows. The
   button is hidden in the HTML; this script shows it and folds the list (CSS does the folding
   only below 40rem, so a desktop never sees the button). */
(function () {
  "use strict";
  var knop = document.querySelector(".rp-menu-knop");
  var nav = document.querySelector(".rp-nav");
  if (!knop || !nav) {
    return;
  }
  knop.hidden = false;
  nav.classList.add("rp-nav--inklapbaar");
  knop.addEventListener("click", function () {
    var open = knop.getAttribute("aria-expanded") === "true";
    knop.setAttribute("aria-expanded", open ? "false" : "true");
    nav.classList.toggle("rp-nav--open", !open);
  });
})();
