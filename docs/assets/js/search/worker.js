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
      /* On the web, the page hands over a small stub (config.full names the whole index), so
       * the page itself never downloads or parses the index; the worker fetches it here, off
       * the main thread. The offline edition (file://) hands over the whole index. */
      var full = message.data && message.data.config && message.data.config.full;
      var index = full
        ? fetch(new URL(full, here).href).then(function (r) { return r.json(); })
        : Promise.resolve(message.data);
      ready = Promise.all([loaded, index]).then(function (done) {
        engine = self.GuideSearch(self.MiniSearch, self.GuideStem).create(done[1]);
      }, function () {
        engine = null; /* no index (offline, or a failed fetch): the box says nothing was found */
      }).then(function () { postMessage({ type: 1 }); });
    } else if (message.type === 2) {
      ready.then(function () {
        postMessage({ type: 3, data: engine ? engine.search(String(message.data || "")) : { items: [] } });
      });
    }
  });
})();
