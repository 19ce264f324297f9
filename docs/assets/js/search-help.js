/* When a search finds nothing, offer the help page and the FAQ instead of a
 * dead end. Watches Material's result summary; adds nothing to storage. */
(function () {
  "use strict";

  function base() {
    return typeof window.__md_scope !== "undefined" ? String(window.__md_scope) : "./";
  }

  /* The words come from the page (data/ui/<language>.yml, put there by overrides/main.html). */
  function words() {
    var el = document.getElementById("guide-words");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }

  /* "... read the {faq}, or {help}." with each {name} a link; the words are set as text, never as HTML. */
  function sentence(p, w) {
    var links = { faq: [w.nothing_found_faq, "faq/"], help: [w.nothing_found_help, "help/"] };
    (w.nothing_found || "").split(/(\{faq\}|\{help\})/).forEach(function (part) {
      var link = links[part.slice(1, -1)];
      if (part.charAt(0) === "{" && link) {
        var a = document.createElement("a");
        a.href = new URL(link[1], base()).href;
        a.textContent = link[0];
        p.appendChild(a);
      } else if (part) {
        p.appendChild(document.createTextNode(part));
      }
    });
  }

  /* Material's own words for "no results", in the site's language (its __config script). */
  function noneText() {
    var el = document.getElementById("__config");
    try { return JSON.parse(el.textContent).translations["search.result.none"]; } catch (e) { return "No matching documents"; }
  }

  function update(meta) {
    var list = meta.parentElement && meta.parentElement.querySelector(".md-search-result__list");
    var empty = list && list.children.length === 0 && meta.textContent.trim() === noneText();
    var help = meta.parentElement.querySelector(".search-help");
    if (empty && !help) {
      help = document.createElement("p");
      help.className = "search-help";
      sentence(help, words());
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
