#!/bin/sh
# Regenerate the Chinese translation: collect the UI's strings into gasdesk_zh_CN.ts
# (keeping every existing translation), then compile gasdesk_zh_CN.qm for the program.
# Translate new entries with pyside6-linguist (or by editing the .ts), then run this again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${PYSIDE_BIN:-$(dirname "$(command -v python3)")}
[ -x "$bin/pyside6-lupdate" ] || { echo "pyside6-lupdate not found: run with the project venv active or set PYSIDE_BIN" >&2; exit 1; }
cd "$root"
find src/gasdesk/ui -name '*.py' | sort > "$here/.sources"
"$bin/pyside6-lupdate" -no-obsolete -locations none -source-language en -target-language zh_CN \
    @"$here/.sources" -ts "$here/gasdesk_zh_CN.ts"
rm -f "$here/.sources"
"$bin/pyside6-lrelease" "$here/gasdesk_zh_CN.ts" -qm "$here/gasdesk_zh_CN.qm"
