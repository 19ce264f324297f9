"""Checks on the sources (before the engine) and on the built site (after it)."""
