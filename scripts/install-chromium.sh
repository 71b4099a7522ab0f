#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives it through executable_path; it never
# downloads a browser of its own). Idempotent: does nothing when /usr/bin/chromium is there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo --non-interactive); fi
export DEBIAN_FRONTEND=noninteractive

# A fresh machine may have no package lists yet, or old ones without chromium.
if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  "${SUDO[@]}" apt-get update -qq
fi
# Fonts with Danish letters (æ ø å) and a sans-serif close to the pages' system-ui stack.
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-liberation >/dev/null

"$CHROMIUM" --version
