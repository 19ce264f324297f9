"""Rough reading grade of Markdown drafts (the real check reads the built site).

Usage: .venv/bin/python scripts/grade_draft.py docs/articles/*.md
"""

import re
import sys

import textstat


def plain(md: str) -> str:
    parts = md.split("---", 2)
    body = parts[2] if md.startswith("---") and len(parts) == 3 else md
    out = []
    for line in body.splitlines():
        if re.match(r"\s*(\[\^[^\]]+\]:|///|\*\[|<!--|    \w+:)", line):
            continue
        line = re.sub(r"\[\[(helpline|phone):[^\]]+\]\]", "the help line", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line)
        line = re.sub(r"\[\^[^\]]+\]", "", line)
        line = re.sub(r"^[#>\-*\d.|\s]+", "", line)
        line = re.sub(r"[*_`|]", "", line)
        if line.strip():
            out.append(line.strip() if line.strip()[-1] in ".?!:" else line.strip() + ".")
    return "\n".join(out)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as fh:
            text = plain(fh.read())
        print(f"{textstat.flesch_kincaid_grade(text):5.1f}  {len(text.split()):5d} words  {path}")
