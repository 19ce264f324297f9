/* Our search worker behind Material's search box: the same messages as
 * Material's own worker (SETUP 0, READY 1, QUERY 2, RESULT 3), our engine.
 * Runs as a web worker, or in the offline edition (file://) inside the
 * iframe-worker shim, where importScripts returns a promise and relative
 * addresses start from the page, so the script's own address is used. */
(function () {
  "use strict";
  var here = (typeof document !== "undefined" && document.currentScript && document.currentScript.src) || self.location.href;
  var loaded = Promise.resolve(importScripts(
    new URL("../vendor/minisearch.js", here).href,
    new URL("stem.js", here).href,
    new URL("engine.js", here).href
  ));
  var engine = null, ready = loaded;

  addEventListener("message", function (ev) {
    var message = ev.data;
    if (message.type === 0) {
      ready = loaded.then(function () {
        engine = self.GuideSearch(self.MiniSearch, self.GuideStem).create(message.data);
        postMessage({ type: 1 });
      });
    } else if (message.type === 2) {
      ready.then(function () {
        postMessage({ type: 3, data: engine ? engine.search(String(message.data || "")) : { items: [] } });
      });
    }
  });
})();
