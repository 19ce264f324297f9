#!/bin/sh
# Install what the browser tests need: Debian's chromium.
# As root it installs it; otherwise it says exactly what to run.
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages:$need"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
else
  echo "The tests need these Debian packages:$need" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y$need" >&2
  exit 1
fi
