#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# html-screenshot.sh - open an HTML report of lkmm-hazard in headless
# Chromium, save a screenshot, and fail when the page logged anything to the
# console.
#
#   scripts/html-screenshot.sh REPORT.html OUT.png [DOM.html]
#
# The report has no script and a Content-Security-Policy that forbids
# scripts and fetches, so any console message at all (a blocked script, a
# blocked fetch, a script error) is a fault: Chromium logs console messages
# at one level whatever their kind, so every one counts.  DOM.html, when
# given, receives the page's DOM after loading (--dump-dom), which
# HtmlReportIT searches for the findings.
#
# Environment: CHROMIUM names the browser (default: the first of chromium,
# chromium-browser, google-chrome on PATH); WINDOW is the window size
# (default 1280,1800).
# Exit status: 0 fine, 1 console messages (printed), 2 usage or no browser.
set -euo pipefail
if [[ $# -lt 2 || $# -gt 3 ]]; then
	echo "usage: $0 REPORT.html OUT.png [DOM.html]" >&2
	exit 2
fi
REPORT=$1 OUT=$2 DOM=${3:-}
[[ -f "$REPORT" ]] || { echo "$0: no such file: $REPORT" >&2; exit 2; }
BROWSER=${CHROMIUM:-}
if [[ -z "$BROWSER" ]]; then
	for b in chromium chromium-browser google-chrome; do
		if command -v "$b" >/dev/null 2>&1; then BROWSER=$b; break; fi
	done
fi
[[ -n "$BROWSER" ]] || { echo "$0: no chromium on PATH (Debian: apt-get install chromium)" >&2; exit 2; }
URL="file://$(cd "$(dirname "$REPORT")" && pwd)/$(basename "$REPORT")"
PROFILE=$(mktemp -d)
LOG=$(mktemp)
trap 'rm -rf "$PROFILE" "$LOG"' EXIT
# Chromium's sandbox does not run as root (CI containers); the page is our own file.
SANDBOX=()
[[ $(id -u) -eq 0 ]] && SANDBOX=(--no-sandbox)
run() {
	"$BROWSER" --headless "${SANDBOX[@]}" --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$PROFILE" --enable-logging=stderr --v=0 \
		--window-size="${WINDOW:-1280,1800}" --virtual-time-budget=3000 "$@" "$URL" 2>>"$LOG"
}
run --screenshot="$OUT" >/dev/null
if [[ -n "$DOM" ]]; then run --dump-dom >"$DOM"; fi
[[ -s "$OUT" ]] || { echo "$0: chromium wrote no screenshot" >&2; cat "$LOG" >&2; exit 2; }
if grep -q ':CONSOLE' "$LOG"; then
	echo "$0: the page logged to the console:" >&2
	grep ':CONSOLE' "$LOG" >&2
	exit 1
fi
