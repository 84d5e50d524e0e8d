/* The publishing progress on a letter's page, refreshed while the worker makes the councils' PDFs.
   Progressive enhancement: without this script the "Vernieuwen" link reloads the page by hand.
   Only the parts marked data-voortgang-deel are replaced, so a screen reader hears the changed
   count and not the whole block again. When the publication ends (published or failed) the page
   is reloaded: its buttons and the published files change with it. */
(function () {
  "use strict";
  var INTERVAL = 1500;
  var MAX_FOUTEN = 5;
  var blok = document.querySelector("[data-voortgang-url]");
  if (!blok || !window.fetch || !window.DOMParser) {
    return;
  }
  var url = blok.getAttribute("data-voortgang-url");
  var fouten = 0;

  function bijwerken(html) {
    var nieuw = new DOMParser().parseFromString(html, "text/html").getElementById(blok.id);
    if (!nieuw || nieuw.getAttribute("data-status") !== "bezig") {
      window.location.reload();
      return false;
    }
    nieuw.querySelectorAll("[data-voortgang-deel]").forEach(function (deel) {
      var naam = deel.getAttribute("data-voortgang-deel");
      var oud = blok.querySelector('[data-voortgang-deel="' + naam + '"]');
      if (oud && oud.innerHTML !== deel.innerHTML) {
        oud.innerHTML = deel.innerHTML;
      }
    });
    return true;
  }

  function kijk() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (antwoord) {
        if (!antwoord.ok) {
          throw new Error(String(antwoord.status));
        }
        return antwoord.text();
      })
      .then(function (html) {
        fouten = 0;
        if (bijwerken(html)) {
          volgende();
        }
      })
      .catch(function () {
        fouten += 1;
        if (fouten < MAX_FOUTEN) {
          volgende();
        }
      });
  }

  function volgende() {
    window.setTimeout(kijk, INTERVAL);
  }

  volgende();
})();
