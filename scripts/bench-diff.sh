#!/usr/bin/env bash
# Throughput and memory of `lkmm-hazard diff DIR` (every X.before.ll with its X.ll, one run) beside
# opt-19 -passes=verify over both files of each pair.
#
#   scripts/bench-diff.sh IRDIR               (environment: RUNS=3 rounds)
#
# IRDIR is the output of scripts/kernel-ll.sh --before. Both tools get both cores: xargs -P2 for opt-19, diff -j 2
# for lkmm-hazard, whose time includes JVM start. Each round runs the two under /usr/bin/time -v; the medians of
# RUNS rounds are printed. Then the heap one pair needs: the smallest -Xmx, in steps around 3x the size of the
# largest pair (both files), at which diff of that pair alone succeeds. Run it on an idle machine.
set -euo pipefail

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -eq 1 ] || { usage >&2; exit 2; }
case "$1" in -h|--help) usage; exit 0;; esac
src=$1
runs=${RUNS:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
launcher=$repo/scripts/lkmm-hazard
command -v opt-19 >/dev/null || { echo "bench-diff: opt-19 is missing (apt-get install llvm-19)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-diff: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[ -f "$repo/target/lkmm-hazard.jar" ] || (cd "$repo" && mvn -q -B -DskipTests package)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the pairs: every twin whose optimized file is beside it
: > "$work/list"
pairs=0 total=0 largest= largest_size=0
while IFS= read -r twin; do
  after=${twin%.before.ll}.ll
  [ -f "$after" ] || continue
  printf '%s\0%s\0' "$twin" "$after" >> "$work/list"
  size=$(( $(stat -c %s "$twin") + $(stat -c %s "$after") ))
  total=$((total + size)) pairs=$((pairs + 1))
  if [ "$size" -gt "$largest_size" ]; then largest_size=$size largest=$after; fi
done < <(find "$src" -maxdepth 1 -name '*.before.ll' | sort)
[ "$pairs" -gt 0 ] || { echo "bench-diff: no X.before.ll with its X.ll in $src" >&2; exit 2; }
mb=$(awk -v b=$total 'BEGIN { printf "%.1f", b / 1e6 }')
echo "pair set: $pairs pairs, $mb MB (both files); $(nproc) cores; $(java -version 2>&1 | head -1)"
xargs -0 -a "$work/list" cat > /dev/null   # both tools then read from the page cache
# the launcher's class-data archive is written by the first run after a build: make it now, not in round 1
"$launcher" scan -q --fail-on never --format json -o /dev/null "$largest" > /dev/null 2>&1 || true

# shellcheck source=scripts/bench-common.sh
. "$repo/scripts/bench-common.sh"

opt_each='for f; do "$0" -passes=verify -disable-output "$f" || exit 255; done'
rm -f "$work/results"
for r in $(seq "$runs"); do
  measure opt-verify xargs -0 -P2 -n4 -a "$work/list" sh -c "$opt_each" opt-19
  measure diff "$launcher" diff -j 2 -q --fail-on never --format json -o "$work/report.json" "$src"
  echo "round $r done" >&2
done
findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$work/report.json")

table "$mb" opt-verify "opt-19 -passes=verify -disable-output (-P2)" diff "scripts/lkmm-hazard diff -j 2 DIR (JVM start incl.)"
awk -v opt="$(median_wall opt-verify)" -v diff="$(median_wall diff)" -v findings="$findings" 'BEGIN {
  printf "diff throughput / opt-19 -passes=verify: %.2fx (%d findings)\n", opt / diff, findings }'
echo "(peak RSS is of the largest single process: one opt-19, or the whole JVM)"

# The heap one pair needs, as bench.sh measures it for scan: the serial collector, one job, the smallest -Xmx at
# which diff of the largest pair alone compares it (an OutOfMemoryError makes diff report it and exit 2).
mkdir "$work/one"
ln -s "$(realpath "${largest%.ll}.before.ll")" "$work/one/$(basename "${largest%.ll}").before.ll"
ln -s "$(realpath "$largest")" "$work/one/$(basename "$largest")"
for tenths in 10 12 14 16 18 20 22 24 26 28 30 35 40 50 60 80; do
  xmx=$(( (largest_size * tenths / 10 + 1048575) / 1048576 ))
  if LKMM_HAZARD_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx${xmx}m" "$launcher" diff -j 1 -q --fail-on never \
      --format json -o "$work/one.json" "$work/one" >/dev/null 2>&1; then
    awk -v f="$(basename "$largest")" -v s="$largest_size" -v x=$xmx 'BEGIN {
      printf "largest pair %s (%.1f MB, both files): diff succeeds with -Xmx%dm, %.1fx its size\n", f, s / 1e6, x, x * 1048576 / s }'
    break
  fi
done
