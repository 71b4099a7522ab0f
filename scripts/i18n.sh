#!/usr/bin/env bash
# Message catalogs (Flask-Babel). Msgids are the Danish texts; each package keeps its own
# translations/ (the service app's first, then the shared web library's).
#
#   scripts/i18n.sh update [FOLDER…]   extract → <package>/translations/messages.pot, update en/…/messages.po,
#                             then compile (run after changing texts; translate the new entries)
#   scripts/i18n.sh compile   compile every messages.po into messages.mo (what set-up needs)
#   scripts/i18n.sh check [FOLDER…]    fail when a catalog lacks a text of the code, leaves one
#                             untranslated, or its .mo is not compiled from it
set -euo pipefail
cd "$(dirname "$0")/.."

PYBABEL=${PYBABEL:-.venv/bin/pybabel}
LANGUAGES=(en)
# Each package's source folder; its catalogs live in <folder>/translations (shared: sammen/web).
PACKAGES=(
  shared/src/sammen
  services/intake/src/sammen/intake
  services/routing/src/sammen/routing
  services/notify/src/sammen/notify
  services/calendar/src/sammen/calendar
  services/digital-dialogue/hub/src/sammen/dialogue
  services/digital-dialogue/formats/idea-board/src/sammen/formats/idea_board
  services/digital-dialogue/formats/hearing/src/sammen/formats/hearing
  services/digital-dialogue/formats/theme-discussion/src/sammen/formats/theme_discussion
  services/digital-dialogue/formats/realisation/src/sammen/formats/realisation
)

translations_of() {
  if [ "$1" = shared/src/sammen ]; then echo "$1/web/translations"; else echo "$1/translations"; fi
}

extract() {  # extract PACKAGE OUTPUT.pot
  "$PYBABEL" -q extract -F babel.cfg -k _ -k gettext -k ngettext:1,2 -k lazy_gettext -k N_ \
    --add-location=file --sort-by-file --no-wrap --project=Sammen --copyright-holder="Gentofte Kommune" \
    --msgid-bugs-address=sammen@gentofte.dk -o "$2" "$1"
}

update() {
  for package in "${PACKAGES[@]}"; do
    [ -d "$package" ] || continue
    local dir; dir=$(translations_of "$package")
    mkdir -p "$dir"
    extract "$package" "$dir/messages.pot"
    # A package with no texts yet needs no catalogs.
    if ! grep -q '^msgid "[^"]' "$dir/messages.pot"; then rm -f "$dir/messages.pot"; rmdir "$dir" 2>/dev/null || true; continue; fi
    for language in "${LANGUAGES[@]}"; do
      if [ -f "$dir/$language/LC_MESSAGES/messages.po" ]; then
        "$PYBABEL" -q update -i "$dir/messages.pot" -d "$dir" -l "$language" \
          --no-fuzzy-matching --ignore-obsolete --no-wrap
      else
        "$PYBABEL" -q init -i "$dir/messages.pot" -d "$dir" -l "$language" --no-wrap
      fi
    done
  done
  compile
}

compile() {
  for package in "${PACKAGES[@]}"; do
    local dir; dir=$(translations_of "$package")
    [ -d "$dir" ] || continue
    "$PYBABEL" -q compile -d "$dir"
  done
}

check() {
  local status=0 scratch; scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' RETURN
  for package in "${PACKAGES[@]}"; do
    [ -d "$package" ] || continue
    local dir; dir=$(translations_of "$package")
    extract "$package" "$scratch/messages.pot"
    grep -q '^msgid "[^"]' "$scratch/messages.pot" || continue
    for language in "${LANGUAGES[@]}"; do
      local po="$dir/$language/LC_MESSAGES/messages.po"
      if [ ! -f "$po" ]; then echo "missing catalog $po (run scripts/i18n.sh update)"; status=1; continue; fi
      .venv/bin/python - "$scratch/messages.pot" "$po" <<'PY' || status=1
import sys
from pathlib import Path
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
pot, po = Path(sys.argv[1]), Path(sys.argv[2])
template = read_po(pot.open("rb"))
catalog = read_po(po.open("rb"))
problems = [f"not in {po}: {m.id!r}" for m in template if m.id and m.id not in catalog]
problems += [f"untranslated in {po}: {m.id!r}" for m in catalog if m.id and not m.string]
def flat(value):  # a plural's id and strings come as lists or tuples
    return tuple(value) if isinstance(value, (list, tuple)) else value
mo = po.with_suffix(".mo")
compiled = {flat(m.id): flat(m.string) for m in read_mo(mo.open("rb")) if m.id} if mo.exists() else {}
written = {flat(m.id): flat(m.string) for m in catalog if m.id and m.string and not m.fuzzy}
if compiled != written:
    problems.append(f"{mo} is not compiled from {po} (scripts/i18n.sh compile)")
if problems:
    print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
    done
  done
  return $status
}

command=${1:-update}
shift || true
# Limit `update` to some package folders (each engineer updates their own service's catalogs).
if [ "$#" -gt 0 ]; then PACKAGES=("$@"); fi

case "$command" in
  update) update ;;
  compile) compile ;;
  check) check ;;
  *) echo "usage: $0 [update|compile|check]" >&2; exit 2 ;;
esac
