/* Glossary terms on a phone. A title tooltip never shows on a touch screen, so a tap on a
 * term shows its meaning in a small box under it. Another tap, a tap elsewhere or Escape
 * closes it. One listener on the document: nothing runs per term when a page loads.
 * (Material's content.tooltips does this too, but mounts on every [title] at load:
 * measured at +30 to +80 ms of script per page on the exercise pages.) */
(function () {
  "use strict";
  var tip = null;

  function close() {
    if (tip) { tip.remove(); tip = null; }
  }

  function open(term) {
    tip = document.createElement("span");
    tip.className = "glossary-tip";
    tip.setAttribute("role", "status");
    tip.textContent = term.textContent + ": " + term.getAttribute("title");
    tip.term = term;
    document.body.appendChild(tip);
    var box = term.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest(".md-typeset abbr[title]");
    if (!term || term.closest("a")) {  // a term inside a link: the tap follows the link
      if (!(tip && tip.contains(event.target))) close();
      return;
    }
    var again = tip && tip.term === term;
    close();
    if (!again) open(term);
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  window.addEventListener("resize", close);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(close);
})();
