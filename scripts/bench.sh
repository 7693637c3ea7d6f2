#!/usr/bin/env bash
# Throughput and memory of `lkmm-hazard scan` beside llvm-as-19 and opt-19 -passes=verify, on the same files.
#
#   scripts/bench.sh IRDIR [REPEAT]        (environment: RUNS=3 rounds)
#
# IRDIR is the output of scripts/kernel-ll.sh (every *.ll in it, .before.ll twins included). The file list is
# given REPEAT times (default: as often as needed to reach 100 MB). Each tool gets both cores: xargs -P2 for the
# LLVM tools, scan -j 2 for lkmm-hazard, whose time includes JVM start. Each round runs the three tools one after
# the other under /usr/bin/time -v; the medians of RUNS rounds are printed last. Run it on an idle machine.
# scan runs through scripts/lkmm-hazard, with the JVM flags it chooses (LKMM_HAZARD_JAVA_OPTS overrides them), and
# once more as plain `java -jar` with the JVM's defaults, to show what the flags are worth.
set -euo pipefail

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -ge 1 ] || { usage >&2; exit 2; }
case "$1" in -h|--help) usage; exit 0;; esac
src=$1
repeat=${2:-0}
runs=${RUNS:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$repo/target/lkmm-hazard.jar
launcher=$repo/scripts/lkmm-hazard
for t in llvm-as-19 opt-19; do
  command -v $t >/dev/null || { echo "bench: $t is missing (apt-get install llvm-19)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[ -f "$jar" ] || (cd "$repo" && mvn -q -B -DskipTests package)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(find "$src" -maxdepth 1 -name '*.ll' | sort)
[ ${#files[@]} -gt 0 ] || { echo "bench: no .ll files in $src" >&2; exit 2; }
once=0
for f in "${files[@]}"; do once=$((once + $(stat -c %s "$f"))); done
[ "$repeat" -gt 0 ] || repeat=$(( (100000000 + once - 1) / once ))
# The same files listed REPEAT times: every tool reads each of them REPEAT times (scan does not drop repeats).
: > "$work/list"
for _ in $(seq "$repeat"); do printf '%s\0' "${files[@]}" >> "$work/list"; done
total=$((once * repeat))
mb=$(awk -v b=$total 'BEGIN { printf "%.1f", b / 1e6 }')
echo "file set: $((${#files[@]} * repeat)) files, $mb MB (${#files[@]} files x $repeat); $(nproc) cores; $(java -version 2>&1 | head -1)"
cat "${files[@]}" > /dev/null   # every tool then reads from the page cache
# the launcher's class-data archive is written by the first scan after a build: make it now, not in round 1
"$launcher" scan -q --fail-on never --format json -o /dev/null "$(ls -Sr "${files[@]}" | head -1)" > /dev/null 2>&1 || true

# shellcheck source=scripts/bench-common.sh
. "$repo/scripts/bench-common.sh"

llvm_each='for f; do "$0" "$f" -o /dev/null || exit 255; done'
opt_each='for f; do "$0" -passes=verify -disable-output "$f" || exit 255; done'
rm -f "$work/results"
for r in $(seq "$runs"); do
  measure llvm-as xargs -0 -P2 -n4 -a "$work/list" sh -c "$llvm_each" llvm-as-19
  measure opt-verify xargs -0 -P2 -n4 -a "$work/list" sh -c "$opt_each" opt-19
  # one JVM for the whole list (-x: fail rather than split it over several)
  measure scan xargs -0 -x -n 100000 -a "$work/list" \
    "$launcher" scan -j 2 -q --fail-on never --format json -o "$work/report.json"
  measure scan-jvm-defaults xargs -0 -x -n 100000 -a "$work/list" \
    java -jar "$jar" scan -j 2 -q --fail-on never --format json -o "$work/report.json"
  echo "round $r done" >&2
done

table "$mb" llvm-as "llvm-as-19 -o /dev/null (xargs -P2)" opt-verify "opt-19 -passes=verify -disable-output (-P2)" \
  scan "scripts/lkmm-hazard scan -j 2 (JVM start incl.)" scan-jvm-defaults "java -jar lkmm-hazard.jar scan -j 2 (JVM defaults)"
as=$(median_wall llvm-as) opt=$(median_wall opt-verify) scan=$(median_wall scan) plain=$(median_wall scan-jvm-defaults)
awk -v as="$as" -v opt="$opt" -v scan="$scan" -v plain="$plain" 'BEGIN {
  printf "scan throughput / llvm-as-19: %.2fx\n", as / scan
  printf "scan throughput / opt-19 -passes=verify: %.2fx\n", opt / scan
  printf "with the JVM defaults instead: %.2fx llvm-as-19, %.2fx opt-19\n", as / plain, opt / plain }'
echo "(peak RSS is of the largest single process: one llvm-as-19 or opt-19, or the whole JVM)"

# The heap one file needs: the smallest -Xmx, in steps of a fifth of the file's size around 3x, at which scan of the largest file
# succeeds (an OutOfMemoryError makes scan report the file as unreadable and exit 2). The serial collector needs
# the least headroom, so the figure is about the data the scan keeps, not a collector's slack.
largest=$(ls -S "${files[@]}" | head -1)
size=$(stat -c %s "$largest")
for tenths in 15 20 22 24 26 28 30 32 35 40 45 50 60 80 100; do
  xmx=$(( (size * tenths / 10 + 1048575) / 1048576 ))
  if LKMM_HAZARD_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx${xmx}m" "$launcher" scan -j 1 -q --fail-on never --format json -o "$work/one.json" "$largest" \
      >/dev/null 2>&1; then
    awk -v f="$(basename "$largest")" -v s=$size -v x=$xmx 'BEGIN {
      printf "largest file %s (%.1f MB): scan succeeds with -Xmx%dm, %.1fx its size\n", f, s / 1e6, x, x * 1048576 / s }'
    break
  fi
done
