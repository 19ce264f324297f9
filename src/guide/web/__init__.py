"""What the web pages get: HTML fragments for markers, the finishing pass (tidy, CSP), search, the dev server."""
