"""Form fields that fill in reliably, and tables that checkers accept.

WeasyPrint writes fields that some viewers mishandle: check boxes with no /DA and only an
"on" appearance (poppler draws no tick), a /DA with a graphics-state operator, and
textareas whose typed lines do not meet the printed rules. Here, on paper:

- ``one_field_per_rule`` turns each ``<textarea>`` of a write-in into one single-line field
  per printed rule, so typed text sits on the rules in every viewer;
- ``finish_pdf`` gives every check box /DA, /MK and both appearances (on and /Off), every
  text field a clean /DA and an empty appearance, the fields' font a /ToUnicode for every
  glyph it has (WeasyPrint maps only the glyphs used on the page, so a filler such as pypdf
  would type the wrong letters), and table headers a /Scope.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

_TEXTAREA = re.compile(r"<textarea\b([^>]*)>(.*?)</textarea>", re.S)
_ATTR = re.compile(r'([a-z-]+)="([^"]*)"')


def one_field_per_rule(html: str, line_word: str = "line {n}") -> str:
    """Each write-in textarea becomes N single-line fields, one on each printed rule."""

    def split(m: re.Match) -> str:
        attrs = dict(_ATTR.findall(m.group(1)))
        lines = int(attrs.get("data-lines") or attrs.get("rows") or 1)
        base, title = attrs["id"], attrs.get("title", "")
        out = []
        for n in range(1, lines + 1):
            field_id = base if n == 1 else f"{base}-l{n}"
            label = html_lib.escape(f"{html_lib.unescape(title)} ({line_word.format(n=n)})", quote=True)
            out.append(
                f'<input type="text" class="write-in__line" id="{field_id}" name="{base}-l{n}" '
                f'title="{label}" autocomplete="off">'
            )
        return '<span class="write-in__lines">' + "".join(out) + "</span>"

    return _TEXTAREA.sub(split, html)


def finish_pdf(path: Path) -> None:
    """Fix the form fields and table headers of a PDF in place (one pikepdf pass)."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        _fix_fields(pdf)
        _add_table_scopes(pdf)
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)


def _fix_fields(pdf) -> None:
    import pikepdf

    form = pdf.Root.get("/AcroForm")
    if form is None:
        return
    off = {}
    text_fonts: set[str] = set()
    for field in form.get("/Fields", []):
        kind = field.get("/FT")
        da = str(field.get("/DA", ""))
        if kind == "/Tx":
            m = re.search(r"/(\S+)\s+([\d.]+)\s+Tf", da)
            if m:
                field.DA = pikepdf.String(f"0 g /{m.group(1)} {m.group(2)} Tf")
            if "/AP" not in field:  # nothing typed yet: draw nothing (the page draws the rule)
                # One stream per field: fillers (pypdf, some viewers) write the typed text into it.
                rect = [float(v) for v in field.Rect]
                field.AP = pikepdf.Dictionary(
                    N=pdf.make_stream(
                        b"",
                        Type=pikepdf.Name.XObject,
                        Subtype=pikepdf.Name.Form,
                        BBox=[0, 0, abs(rect[2] - rect[0]), abs(rect[3] - rect[1])],
                    )
                )
            if m:
                text_fonts.add("/" + m.group(1))
        elif kind == "/Btn" and not int(field.get("/Ff", 0)) & (1 << 15):  # a check box, not a radio
            normal = field.AP.N
            bbox = normal["/on"].BBox
            key = tuple(round(float(v), 2) for v in bbox)
            if key not in off:  # one "on" and one "Off" drawing per box size, shared (keeps sheets small)
                off[key] = (
                    normal["/on"],
                    pdf.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=bbox),
                )
            normal["/on"], normal["/Off"] = off[key]
            field.DA = pikepdf.String("0 g /ZaDb 0 Tf")
            field.MK = pikepdf.Dictionary(BC=[0], CA=pikepdf.String("4"))  # 4: a tick in ZapfDingbats
    # WeasyPrint's /DR is the first page's /Resources; the form gets its own, with the fonts
    # the fields name and ZapfDingbats for the check boxes' /DA (not added to any page).
    page_fonts = (form.get("/DR") or {}).get("/Font") or {}
    fonts = pikepdf.Dictionary({key: value for key, value in page_fonts.items()})
    fonts.ZaDb = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.ZapfDingbats)
    )
    for field in form.get("/Fields", []):  # a field's font may live on a later page only
        m = re.search(r"/(\S+)\s+[\d.]+\s+Tf", str(field.get("/DA", "")))
        page_fonts = ((field.get("/P") or {}).get("/Resources") or {}).get("/Font") or {}
        if m and "/" + m.group(1) not in fonts and "/" + m.group(1) in page_fonts:
            fonts["/" + m.group(1)] = page_fonts["/" + m.group(1)]
    form.DR = pikepdf.Dictionary(Font=fonts)
    for key, font in fonts.items():
        if key in text_fonts and font.get("/Subtype") == "/Type0":
            _complete_to_unicode(pdf, font)
    form.NeedAppearances = False  # every field now has its appearances; viewers draw typed text anew


def _complete_to_unicode(pdf, font) -> None:
    """A /ToUnicode naming every glyph of an embedded TrueType font (CID = glyph id)."""
    import io

    from fontTools.ttLib import TTFont

    descendant = font.DescendantFonts[0]
    if str(descendant.get("/CIDToGIDMap", "")) != "/Identity" or "/FontFile2" not in descendant.FontDescriptor:
        return
    tt = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
    by_glyph: dict[int, int] = {}
    for code, name in sorted(tt.getBestCmap().items(), reverse=True):  # the lowest code point wins
        by_glyph[tt.getGlyphID(name)] = code
    pairs = [f"<{gid:04X}> <{chr(code).encode('utf-16-be').hex().upper()}>" for gid, code in sorted(by_glyph.items())]
    chunks = [pairs[i : i + 100] for i in range(0, len(pairs), 100)]
    body = "".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar\n" for c in chunks)
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + body
        + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    font.ToUnicode = pdf.make_stream(cmap.encode("ascii"))


def _add_table_scopes(pdf) -> None:
    """Give table header cells a /Scope (Column in THead, Row in TBody).

    WeasyPrint tags <th> as /TH but does not carry the HTML scope attribute
    into the PDF, which PDF/UA checkers flag (UA-15-003).
    """
    import pikepdf

    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return
    stack = [(tree, None)]
    while stack:
        node, section = stack.pop()
        kind = str(node.get("/S", "")) if isinstance(node, pikepdf.Dictionary) else ""
        if kind in ("/THead", "/TBody", "/TFoot"):
            section = kind
        if kind == "/TH":
            scope = pikepdf.Name("/Column") if section == "/THead" else pikepdf.Name("/Row")
            node.A = pikepdf.Dictionary(O=pikepdf.Name("/Table"), Scope=scope)
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            stack += [(k, section) for k in kids if isinstance(k, pikepdf.Dictionary)]
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append((kids, section))
