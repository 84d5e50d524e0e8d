/* The review form: show only the parts that belong to the chosen proposal.
   Progressive enhancement: without this script every part is shown, and the server ignores the
   parts that do not apply. Parts are marked data-voorstel="<proposal> ...". */
(function () {
  "use strict";
  var form = document.querySelector(".rp-review-form");
  if (!form) {
    return;
  }
  var keuzes = form.querySelectorAll('input[name="voorstel"]');
  var delen = form.querySelectorAll("[data-voorstel]");

  function bijwerken() {
    var gekozen = form.querySelector('input[name="voorstel"]:checked');
    var voorstel = gekozen ? gekozen.value : "";
    delen.forEach(function (deel) {
      var geldt = deel.getAttribute("data-voorstel").split(" ").indexOf(voorstel) !== -1;
      deel.hidden = !geldt;
    });
  }

  keuzes.forEach(function (keuze) {
    keuze.addEventListener("change", bijwerken);
  });
  bijwerken();
})();
