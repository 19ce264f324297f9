"""Paper: handouts, packs and the book (WeasyPrint, fonts, pikepdf), and the offline edition."""
