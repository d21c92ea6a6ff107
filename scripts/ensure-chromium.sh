#!/usr/bin/env bash
# The browser tests drive the system Chromium (Playwright cannot download its own browser on
# these machines). Installs Debian's package when it is missing and we are allowed to.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Chromium: install it (e.g. 'sudo apt-get install chromium') or set CHROMIUM_PATH." >&2
  exit 1
fi
