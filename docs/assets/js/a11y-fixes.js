/* Small accessibility fixes to the stock theme that need the DOM:
 * - the search dialog gets a name (axe: aria-dialog-name);
 * - table-of-contents sub-lists are prefixed "Contents:" (axe: landmark-unique);
 * - the breadcrumbs get their own name, not a second "Navigation" (axe: landmark-unique). */
(function () {
  "use strict";
  /* The words come from the page (data/ui/<language>.yml, put there by overrides/main.html). */
  function words() {
    var el = document.getElementById("guide-words");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }
  function fix() {
    var w = words(), prefix = (w.contents_prefix || "Contents:") + " ";
    var dialog = document.querySelector(".md-search");
    if (dialog && !dialog.getAttribute("aria-label") && w.search_dialog) dialog.setAttribute("aria-label", w.search_dialog);
    var path = document.querySelector("nav.md-path");
    if (path && w.breadcrumbs) path.setAttribute("aria-label", w.breadcrumbs);
    // Table-of-contents sub-lists are named after headings, which can match a section name.
    document.querySelectorAll(".md-nav--secondary nav[aria-label]").forEach(function (nav) {
      var label = nav.getAttribute("aria-label");
      if (label.indexOf(prefix) !== 0) nav.setAttribute("aria-label", prefix + label);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
})();
