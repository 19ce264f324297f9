/* Quick exit: the "Leave this site" button, or Shift pressed three times.
 * Blanks the page at once, then replaces this page in the history with a
 * neutral site (data/site.yml: quick_exit_url), so Back does not return here.
 * Listeners sit on the document, so they survive Material's instant navigation. */
(function () {
  "use strict";
  var PRESSES = 3;
  var WINDOW_MS = 2000;
  var presses = [];

  function target() {
    var link = document.querySelector("[data-quick-exit]");
    return link ? link.getAttribute("data-quick-exit") : "https://www.bbc.co.uk/weather";
  }

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("is-leaving");
    document.title = "";
    try { window.sessionStorage.clear(); } catch (e) { /* storage may be blocked */ }
    window.location.replace(target());
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (link) leave(event);
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      if (event.key !== "Shift") presses = [];
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= PRESSES) { presses = []; leave(event); }
  }, true);

  window.siteQuickExit = leave;
})();
