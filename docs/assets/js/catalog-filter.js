/* Exercise catalog filters. Without JavaScript the whole list shows and the
 * form stays hidden. With it, three selects narrow the list and a polite live
 * region says how many exercises are shown; a group with none shown is hidden. Also wires the "Print" buttons. */
(function () {
  "use strict";

  function setUpCatalog(root) {
    var form = root.querySelector("[data-catalog-filters]");
    var count = root.querySelector("[data-catalog-count]");
    var empty = root.querySelector("[data-catalog-empty]");
    var items = Array.prototype.slice.call(root.querySelectorAll(".catalog__item"));
    var groups = Array.prototype.slice.call(root.querySelectorAll("[data-catalog-group]"));
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    form.hidden = false;

    function apply() {
      var want = { kind: form.kind.value, who: form.who.value, time: form.time.value };
      var shown = 0;
      items.forEach(function (item) {
        var whoOk = !want.who || item.dataset.who === want.who ||
          (item.dataset.who === "either" && want.who !== "either");
        var ok = (!want.kind || item.dataset.kind === want.kind) && whoOk &&
          (!want.time || item.dataset.time === want.time);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      // The words come from the page (data/ui/<language>.yml, catalog), with {shown} and {total} to fill.
      var words = shown === items.length ? root.dataset.showingAll : root.dataset.showingSome;
      count.textContent = words.replace("{shown}", shown).replace("{total}", items.length);
      empty.hidden = shown !== 0;
      groups.forEach(function (group) {  // a heading with nothing under it would mislead
        group.hidden = !group.querySelector(".catalog__item:not([hidden])");
      });
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    apply();
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-catalog]"), setUpCatalog);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.onclick = function () { window.print(); };
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
