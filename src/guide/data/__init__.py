"""The data files: help lines, identity (data/site.yml) and the glossary."""
