/* When a search finds nothing, offer the help page and the FAQ instead of a
 * dead end. Watches Material's result summary; adds nothing to storage. */
(function () {
  "use strict";

  function base() {
    return typeof window.__md_scope !== "undefined" ? String(window.__md_scope) : "./";
  }

  function update(meta) {
    var list = meta.parentElement && meta.parentElement.querySelector(".md-search-result__list");
    var empty = list && list.children.length === 0 && /no matching/i.test(meta.textContent);
    var help = meta.parentElement.querySelector(".search-help");
    if (empty && !help) {
      help = document.createElement("p");
      help.className = "search-help";
      help.innerHTML = 'Nothing found. Try a shorter or simpler word, read the <a href="' +
        new URL("faq/", base()).href + '">questions people often ask</a>, or <a href="' +
        new URL("help/", base()).href + '">get help now</a>.';
      meta.insertAdjacentElement("afterend", help);
    } else if (!empty && help) {
      help.remove();
    }
  }

  function watch() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || meta.dataset.helpWatched) return;
    meta.dataset.helpWatched = "1";
    new MutationObserver(function () { update(meta); }).observe(meta, { childList: true, characterData: true, subtree: true });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(watch);
  else document.addEventListener("DOMContentLoaded", watch);
})();
