#!/bin/sh
# Install what the tests need: Debian's chromium (browser tests), poppler-utils,
# a Java runtime (the Nu Html Checker), Node and npm if missing (Lighthouse), and the pinned
# npm tools (vnu-jar, lighthouse).
# As root it installs the Debian packages; otherwise it says exactly what to run.
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
if [ -n "$need" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian packages:$need"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
  else
    echo "The tests need these Debian packages:$need" >&2
    echo "Install them with:  sudo apt-get update && sudo apt-get install -y$need" >&2
    exit 1
  fi
fi
# vnu.jar ships inside the npm package; its postinstall only fetches a Java we already have.
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
