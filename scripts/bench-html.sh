#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench-html.sh - how long the HTML report of a large scan takes to write,
# with and without Graphviz, how large it is, and how long headless Chromium
# takes to load it.
#
#   scripts/bench-html.sh [COPIES]
#
# Scans COPIES copies (default 9: about 10,000 findings) of every .ll file
# under corpus/, each copy in a directory of its own so that every finding
# is reported, once with dot on PATH (when it is installed) and once with a
# PATH that has every command but dot.  Then, when Chromium is installed,
# loads each page with --dump-dom.  Prints one line per step: seconds of
# wall time, and bytes for a page.  Needs the jar (mvn package).
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-9}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for ((k = 1; k <= COPIES; k++)); do
	mkdir -p "$WORK/in/copy$k"
	cp -r corpus "$WORK/in/copy$k/"
done

# a PATH without dot: every other command of PATH, linked into one directory
mkdir "$WORK/nodot"
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
	for f in "$d"/*; do
		b=$(basename "$f")
		[[ $b == dot || -e "$WORK/nodot/$b" || ! -x $f ]] || ln -s "$f" "$WORK/nodot/$b"
	done
done

seconds() { # seconds of wall time of a command
	local start end
	start=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	end=$(date +%s.%N)
	awk "BEGIN { printf \"%.1f\", $end - $start }"
}

scan() { # scan OUT.html [env...]
	local out=$1
	shift
	env "$@" scripts/lkmm-hazard scan --fail-on never --format html -o "$out" "$WORK/in"
}

scan "$WORK/warmup.html" >/dev/null 2>&1 # writes the class-data archive on the first scan after a build
findings=$(grep -c '<article class="finding ' "$WORK/warmup.html" || true)
echo "findings: $findings"
if command -v dot >/dev/null; then
	echo "report with dot: $(seconds scan "$WORK/dot.html") s, $(stat -c %s "$WORK/dot.html") bytes"
fi
echo "report without dot: $(seconds scan "$WORK/java.html" PATH="$WORK/nodot") s, $(stat -c %s "$WORK/java.html") bytes"

BROWSER=${CHROMIUM:-}
for b in chromium chromium-browser google-chrome; do
	[[ -n $BROWSER ]] || ! command -v "$b" >/dev/null || BROWSER=$b
done
if [[ -n $BROWSER ]]; then
	for page in dot java; do
		[[ -f "$WORK/$page.html" ]] || continue
		s=$(seconds "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run --user-data-dir="$WORK/profile-$page" \
			--dump-dom "file://$WORK/$page.html")
		echo "chromium --dump-dom, the report $([[ $page == dot ]] && echo with || echo without) dot: $s s"
	done
	echo '<!DOCTYPE html><p>empty</p>' >"$WORK/empty.html"
	s=$(seconds "$BROWSER" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$WORK/profile-empty" \
		--dump-dom "file://$WORK/empty.html")
	echo "chromium --dump-dom, an empty page: $s s"
fi
