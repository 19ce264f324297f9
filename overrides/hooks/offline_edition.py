"""The offline edition (OFFLINE=true): use our vendored iframe-worker shim.

Material's offline plugin adds the shim from a CDN unless a polyfill with
"iframe-worker" in its name is already listed; this hook lists ours first.
"""

import os

from mkdocs.plugins import event_priority

SHIM = "assets/js/vendor/iframe-worker-shim.js"


@event_priority(100)
def on_config(config):
    if os.environ.get("OFFLINE", "").lower() == "true":
        config.extra["polyfills"] = [SHIM]
    return config
