#!/usr/bin/env bash
# The OpenID provider the single sign-on tests run (panva's oidc-provider, tests/sso/openid-provider)
# with the machine's Node.js: `npm ci` from the committed package-lock.json, from the npm registry
# only. Idempotent: does nothing while node_modules matches the lock file.
set -euo pipefail

PROVIDER_DIR="$(cd "$(dirname "$0")/.." && pwd)/tests/sso/openid-provider"
STAMP="$PROVIDER_DIR/node_modules/.package-lock.json"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo --non-interactive); fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# npm ci writes node_modules/.package-lock.json; newer than the lock file means installed from it.
if [ -f "$STAMP" ] && [ "$STAMP" -nt "$PROVIDER_DIR/package-lock.json" ]; then
  exit 0
fi
(cd "$PROVIDER_DIR" && npm ci --no-audit --no-fund --loglevel=error)
