#!/usr/bin/env bash
# Makes Debian's Chromium available for the end-to-end tests (test/e2e, driven by playwright-core):
# installs the `chromium` package when /usr/bin/chromium is absent. Never downloads a browser of its
# own (`npx playwright install` cannot reach its servers here). Needs root (or sudo) for apt-get.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Chromium from Debian's packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
echo "== $(/usr/bin/chromium --version 2>/dev/null | head -1) for the browser tests"
