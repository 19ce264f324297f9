"""Python-Markdown extensions listed in mkdocs.yml: any engine that reads mkdocs.yml runs them."""
