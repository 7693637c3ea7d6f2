#!/usr/bin/env bash
# Whether scan time grows linearly with the input: one synthetic module at 1, 2, 4 and 8 times a base size.
#
#   scripts/bench-linear.sh FILE.ll [BASE_COPIES]
#
# scripts/gen-synthetic.py writes FILE's functions BASE_COPIES (default 2) x 1, 2, 4, 8 times into one module each;
# every size is scanned RUNS (default 3) times through scripts/lkmm-hazard (one file: one thread parses it, JVM start
# included) and once by opt-19 -passes=verify for comparison. Prints size, median wall time, MB/s, peak RSS.
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
src=$1
base=${2:-2}
runs=${RUNS:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$repo/target/lkmm-hazard.jar" ] || (cd "$repo" && mvn -q -B -DskipTests package)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-6s %9s %10s %9s %10s %12s\n' size MB "scan s" "MB/s" "peak RSS" "opt-19 s"
for x in 1 2 4 8; do
  f=$work/x$x.ll
  python3 "$repo/scripts/gen-synthetic.py" "$src" $((base * x)) > "$f"
  mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1e6 }')
  : > "$work/t"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -a -o "$work/t" "$repo/scripts/lkmm-hazard" scan -q --fail-on never --format json \
      -o "$work/r.json" "$f" > /dev/null
  done
  /usr/bin/time -f '%e' -o "$work/o" opt-19 -passes=verify -disable-output "$f"
  sort -n "$work/t" | awk -v n="$runs" -v x="x$x" -v mb="$mb" -v o="$(cat "$work/o")" 'NR == int((n + 1) / 2) {
    printf "%-6s %9s %10.2f %9.1f %7.0f MB %12.2f\n", x, mb, $1, mb / $1, $2 / 1024, o }'
  rm -f "$f"
done
