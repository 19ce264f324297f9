"""Every interface word printed on a handout or client sheet, in one place.

Kept as one mapping so that it can move to ``data/ui/en.yml`` with the web's words.
Templates read it as ``words``; Python reads it through ``WORDS[...]``.
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    # The header strip of a client sheet: fillable lines.
    "name": "Name",
    "date": "Date",
    "therapist": "Therapist or clinic",
    "next_session": "Next session",
    # Labels and headings.
    "homework_sheet": "Homework sheet",
    "client_sheet": "Client sheet",
    "programme_pack": "Programme pack",
    "what_to_do": "What to do",
    "worksheet": "Worksheet",
    "your_notes": "Your notes",
    "safety_first": "Safety first.",
    "stop_any_time": "Anyone may stop at any moment, without giving a reason.",
    "minutes": "About {minutes} minutes",
    "full_page": "The full guide to this exercise:",
    "last_reviewed": "Last reviewed",
    "online": "Online",
    "page_of": "Page {page} of {pages}",
    "qr_label": "QR code for the web address",
    "line": "line {n}",
    # The help line of the sheet's home region.
    "emergency": "In danger now? Call {number}.",
    "crisis": "In a crisis, call or text {number}.",
    "more_help": "More help lines: {url}",
}
