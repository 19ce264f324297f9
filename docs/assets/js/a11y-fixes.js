/* Small accessibility fixes to the stock theme that need the DOM:
 * - the search dialog gets a name (axe: aria-dialog-name);
 * - table-of-contents sub-lists are prefixed "Contents:" (axe: landmark-unique);
 * - the breadcrumbs get their own name, not a second "Navigation" (axe: landmark-unique). */
(function () {
  "use strict";
  function fix() {
    var dialog = document.querySelector(".md-search");
    if (dialog && !dialog.getAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
    var path = document.querySelector("nav.md-path");
    if (path) path.setAttribute("aria-label", "Breadcrumbs");
    // Table-of-contents sub-lists are named after headings, which can match a section name.
    document.querySelectorAll(".md-nav--secondary nav[aria-label]").forEach(function (nav) {
      var label = nav.getAttribute("aria-label");
      if (label.indexOf("Contents: ") !== 0) nav.setAttribute("aria-label", "Contents: " + label);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
})();
