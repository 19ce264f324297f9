"""The build logic of Sex Therapy, Explained.

Everything here works from the Markdown sources, the data files and the built
``site/`` folder. Nothing imports MkDocs internals except ``mkdocs_adapter``,
so the same checks, catalog and handouts survive a move to another engine.
"""
