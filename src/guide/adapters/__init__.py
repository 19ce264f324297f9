"""The only code that knows the site engine. Everything else works on files and the Site."""
