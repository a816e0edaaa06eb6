// Progressive enhancement for the public pages; every page works without it.
(function () {
  "use strict";

  // The pledge list's filters: folded on phones (results first), open beside the results on
  // wide screens. The <details> is closed in the HTML, so without JavaScript one tap opens it.
  var wide = window.matchMedia("(min-width: 48rem)");
  var panels = document.querySelectorAll("details[data-open-wide]");
  function fit() {
    panels.forEach(function (panel) {
      panel.open = wide.matches;
    });
  }
  if (panels.length) {
    fit();
    wide.addEventListener("change", fit);
  }

  // Copy-link buttons: hidden until the Clipboard API is there. They copy the page's clean
  // address: no fragment, no empty parameters (a submitted form sends every field), and none
  // of the parameters the button names in data-drop (steps of a form, such as "plats").
  function cleanAddress(drop) {
    var url = new URL(window.location.href);
    var kept = new URLSearchParams();
    url.searchParams.forEach(function (value, name) {
      if (value !== "" && drop.indexOf(name) === -1) kept.append(name, value);
    });
    url.search = kept.toString();
    url.hash = "";
    return url.toString();
  }
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      var status = document.getElementById(button.dataset.status);
      var drop = (button.dataset.drop || "").split(" ").filter(Boolean);
      button.hidden = false;
      button.addEventListener("click", function () {
        function say(text) {
          // emptied first, so that a second click is announced again
          status.textContent = "";
          window.setTimeout(function () {
            status.textContent = text;
          }, 100);
        }
        navigator.clipboard.writeText(cleanAddress(drop)).then(
          function () {
            say(button.dataset.copied);
          },
          function () {
            say(button.dataset.failed);
          }
        );
      });
    });
  }
})();
