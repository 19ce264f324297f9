/* The pack builder (pack-builder.md): tick sheets, get a link whose fragment holds the choice,
   its QR code, and one PDF joined in the browser. Nothing is sent or stored: the choice lives
   in the link after "#", which browsers never send to a server.
   Fragment: #pack=1&s=slug,slug&w=programme:week&p=Practice&n=Note
   Uses the vendored qrcode-generator and pdf-lib (assets/js/vendor/, pinned in package.json). */
(function () {
  "use strict";

  var MAX_NOTE = 300;
  var MAX_PRACTICE = 80;

  function init() {
    var root = document.querySelector("[data-pack]");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var msg = function (key) { return root.getAttribute("data-msg-" + key) || ""; };
    var builder = root.querySelector("[data-pack-builder]");
    var view = root.querySelector("[data-pack-view]");
    var items = {};
    var order = [];
    Array.prototype.forEach.call(root.querySelectorAll("[data-slug]"), function (li) {
      var slug = li.getAttribute("data-slug");
      order.push(slug);
      items[slug] = {
        title: li.getAttribute("data-title"), summary: li.getAttribute("data-summary"),
        url: li.getAttribute("data-url"), box: li.querySelector("input[type=checkbox]"),
        sheets: { a4: li.getAttribute("data-sheet-a4"), letter: li.getAttribute("data-sheet-letter") }
      };
    });
    var week = root.querySelector("[data-week]");
    var practice = root.querySelector("[data-practice]");
    var note = root.querySelector("[data-note]");
    var pageUrl = location.href.split("#")[0];

    function chosen() {
      return order.filter(function (slug) { return items[slug].box.checked; });
    }

    function linkFor(slugs) {
      var params = new URLSearchParams();
      params.set("pack", "1");
      params.set("s", slugs.join(","));
      if (week.value) params.set("w", week.value);
      if (practice.value.trim()) params.set("p", practice.value.trim().slice(0, MAX_PRACTICE));
      if (note.value.trim()) params.set("n", note.value.trim().slice(0, MAX_NOTE));
      return pageUrl + "#" + params.toString();
    }

    function drawQr(target, text) {
      target.textContent = "";
      if (typeof window.qrcode !== "function") return;
      var qr = window.qrcode(0, "M");
      qr.addData(unescape(encodeURIComponent(text)));  // UTF-8 bytes, as scanners expect
      qr.make();
      var svg = qr.createSvgTag({ cellSize: 4, margin: 2, scalable: true });
      target.insertAdjacentHTML("afterbegin", svg);  // markup made by the library from our link only
    }

    function update() {
      var slugs = chosen();
      var result = root.querySelector("[data-result]");
      var status = root.querySelector("[data-builder-status]");
      if (!slugs.length) {
        result.hidden = true;
        status.textContent = msg("none");
        return;
      }
      status.textContent = "";
      var link = linkFor(slugs);
      result.hidden = false;
      root.querySelector("[data-link]").value = link;
      root.querySelector("[data-open]").href = link;
      root.querySelector("[data-link-status]").textContent = location.protocol === "file:" ? msg("offline-link") : "";
      drawQr(root.querySelector("[data-qr]"), link);
    }

    week.addEventListener("change", function () {
      var option = week.options[week.selectedIndex];
      var slugs = (option.getAttribute("data-slugs") || "").split(",");
      if (week.value) slugs.forEach(function (slug) { if (items[slug]) items[slug].box.checked = true; });
      update();
    });
    builder.addEventListener("input", update);
    builder.addEventListener("change", update);
    builder.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector("[data-copy]").addEventListener("click", function () {
      var field = root.querySelector("[data-link]");
      field.select();
      var done = function () { root.querySelector("[data-link-status]").textContent = msg("copied"); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(field.value).then(done, function () {});
      else { try { document.execCommand("copy"); done(); } catch (e) { /* the link stays selected */ } }
    });

    function parse() {
      var hash = location.hash.replace(/^#/, "");
      if (hash.indexOf("pack=") === -1) return null;
      var params = new URLSearchParams(hash);
      var asked = (params.get("s") || "").split(",").filter(Boolean);
      var slugs = asked.filter(function (slug, i) { return items[slug] && asked.indexOf(slug) === i; });
      return {
        slugs: slugs, unknown: asked.length !== slugs.length,
        practice: (params.get("p") || "").slice(0, MAX_PRACTICE), note: (params.get("n") || "").slice(0, MAX_NOTE)
      };
    }

    function el(tag, text, attrs) {
      var node = document.createElement(tag);
      if (text) node.textContent = text;
      Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
      return node;
    }

    function show(pack) {
      builder.hidden = true;
      view.hidden = false;
      var title = view.querySelector("[data-view-title]");
      title.textContent = pack.practice
        ? title.getAttribute("data-title-with").replace("{practice}", pack.practice)
        : title.getAttribute("data-title-plain");
      var noteBox = view.querySelector("[data-view-note]");
      noteBox.textContent = pack.note;  // text only: a link can never add markup to the page
      noteBox.hidden = !pack.note;
      var list = view.querySelector("[data-view-list]");
      list.textContent = "";
      pack.slugs.forEach(function (slug) {
        var item = items[slug];
        var li = el("li", "", { "class": "pack__sheet", "data-sheet": slug });
        var heading = el("a", item.title, { href: item.url });
        li.appendChild(heading);
        li.appendChild(el("p", item.summary));
        var links = el("p", "", { "class": "pack__downloads" });
        root.getAttribute("data-papers").split(" ").forEach(function (paper) {  // the home paper first
          var label = root.getAttribute("data-paper-" + paper) || paper;
          links.appendChild(el("a", label, { href: item.sheets[paper], download: "" }));
          links.appendChild(document.createTextNode(" "));
        });
        li.appendChild(links);
        list.appendChild(li);
      });
      view.querySelector("[data-combine-status]").textContent = pack.unknown ? msg("unknown") : "";
      view.querySelector("[data-builder-link]").href = pageUrl;
      view.pack = pack;
    }

    function loadPdfLib() {
      if (window.PDFLib) return Promise.resolve(window.PDFLib);
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root.getAttribute("data-pdf-lib");
        script.onload = function () { resolve(window.PDFLib); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }

    function fetchBytes(url) {
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.arrayBuffer();
      });
    }

    /* Join the sheets. Pages are copied with their form fields; field names are unique per
       exercise (slug--...), so fields never collide. The structure tree (tags) is not carried
       over by pdf-lib: the joined file is for printing and filling; each sheet stays tagged. */
    function combine(PDFLib, urls) {
      var N = PDFLib.PDFName;
      return Promise.all(urls.map(fetchBytes)).then(function (all) {
        return PDFLib.PDFDocument.create().then(function (out) {
          var fields = [];
          var fonts = out.context.obj({});
          var loads = all.map(function (bytes) { return PDFLib.PDFDocument.load(bytes); });
          return Promise.all(loads).then(function (sources) {
            sources.forEach(function (src) {
              var copier = PDFLib.PDFObjectCopier.for(src.context, out.context);
              src.getPages().forEach(function (page) {
                var ref = out.context.nextRef();
                copier.traversedObjects.set(page.ref, ref);  // widgets' /P point at the new page
                var node = copier.copy(page.node);
                node.delete(N.of("StructParents"));
                out.context.assign(ref, node);
                out.addPage(PDFLib.PDFPage.of(node, ref, out));
                var annots = node.lookup(N.of("Annots"));
                if (!annots) return;
                for (var i = 0; i < annots.size(); i++) {
                  var annot = annots.lookup(i);
                  if (!annot || String(annot.get(N.of("Subtype"))) !== "/Widget") continue;
                  annot.delete(N.of("StructParent"));
                  var top = annots.get(i);
                  var parent = annot.get(N.of("Parent"));
                  while (parent) { top = parent; parent = out.context.lookup(parent).get(N.of("Parent")); }
                  if (fields.indexOf(top) === -1) fields.push(top);
                }
              });
              var form = src.catalog.lookup(N.of("AcroForm"));
              var dr = form && form.lookup(N.of("DR"));
              var drFonts = dr && dr.lookup(N.of("Font"));
              if (drFonts) drFonts.entries().forEach(function (entry) {
                if (!fonts.get(entry[0])) fonts.set(entry[0], copier.copy(entry[1]));
              });
            });
            out.catalog.set(N.of("AcroForm"), out.context.obj({
              Fields: fields, DR: { Font: fonts }, NeedAppearances: false
            }));
            out.catalog.set(N.of("Lang"), PDFLib.PDFString.of(document.documentElement.lang || "en"));
            out.setTitle(view.querySelector("[data-view-title]").textContent, { showInWindowTitleBar: true });
            return out.save({ updateFieldAppearances: false });
          });
        });
      });
    }

    view.querySelector("[data-combine]").addEventListener("click", function () {
      var pack = view.pack;
      var status = view.querySelector("[data-combine-status]");
      if (!pack || !pack.slugs.length) return;
      var paper = view.querySelector("[data-paper]").value;
      var urls = pack.slugs.map(function (slug) { return new URL(items[slug].sheets[paper], location.href).href; });
      status.textContent = msg("working");
      loadPdfLib().then(function (PDFLib) { return combine(PDFLib, urls); }).then(function (bytes) {
        var blob = new Blob([bytes], { type: "application/pdf" });
        var old = view.querySelector("[data-combined]");
        if (old) { URL.revokeObjectURL(old.href); old.remove(); }
        var name = root.getAttribute("data-download-name") + "-" + paper + ".pdf";
        var link = el("a", name, { href: URL.createObjectURL(blob), download: name, "data-combined": "", "class": "md-button" });
        status.textContent = msg("done") + " ";
        status.appendChild(link);
      }, function () {
        status.textContent = location.protocol === "file:" ? msg("file-blocked") : msg("failed");
      });
    });

    function route() {
      var pack = parse();
      if (pack) show(pack);
      else { view.hidden = true; builder.hidden = false; update(); }
    }
    window.addEventListener("hashchange", route);
    route();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
