#!/usr/bin/env bash
# Tools the ops checks need: promtool and prometheus from Debian's `prometheus` package.
# Installs them only when missing (as root, or through sudo); the Makefile calls this before tests.
set -euo pipefail

if command -v promtool >/dev/null && [ -x /usr/bin/prometheus ]; then
  exit 0
fi
as_root=()
[ "$(id -u)" = 0 ] || as_root=(sudo)
echo "installing Debian's prometheus package (promtool, prometheus)"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# The package starts a Prometheus service on :9090 where systemd runs; the checks need none.
if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
  "${as_root[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
promtool --version | head -1
