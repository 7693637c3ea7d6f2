#!/usr/bin/env bash
# Parse throughput of lkmm-hazard beside llvm-as-19 on the same files, both given both cores.
#
#   scripts/bench-parse.sh KERNEL_IR_DIR [TARGET_MB]
#
# KERNEL_IR_DIR is the output of scripts/kernel-ll.sh (its *.before.ll twins are left out). The files are copied
# as many times as needed to reach TARGET_MB (default 100) so that the run is long enough to measure; JVM start
# is included in lkmm-hazard's time, as a user would see it. Run it on an otherwise idle machine.
set -euo pipefail

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -ge 1 ] || { usage >&2; exit 2; }
case "$1" in -h|--help) usage; exit 0;; esac
src=$1
target_mb=${2:-100}
repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$repo/target/lkmm-hazard.jar
command -v llvm-as-19 >/dev/null || { echo "bench-parse: llvm-as-19 is missing (apt-get install llvm-19)" >&2; exit 2; }
[ -f "$jar" ] || (cd "$repo" && mvn -q -B -DskipTests package)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(find "$src" -maxdepth 1 -name '*.ll' ! -name '*.before.ll' | sort)
[ ${#files[@]} -gt 0 ] || { echo "bench-parse: no .ll files in $src" >&2; exit 2; }
total=0 copy=0
while [ $total -lt $((target_mb * 1000000)) ]; do
  copy=$((copy + 1))
  mkdir -p "$work/set/$copy"
  for f in "${files[@]}"; do
    cp "$f" "$work/set/$copy/"
    total=$((total + $(stat -c %s "$f")))
  done
done
n=$(find "$work/set" -name '*.ll' | wc -l)
mb=$(awk -v b=$total 'BEGIN { printf "%.1f", b / 1e6 }')
echo "file set: $n files, $mb MB (${#files[@]} kernel units x $copy)"
cat "$work"/set/*/*.ll > /dev/null   # both tools then read from the page cache

now() { date +%s.%N; }
t0=$(now)
find "$work/set" -name '*.ll' -print0 | xargs -0 -P2 -n4 sh -c 'for f; do llvm-as-19 "$f" -o /dev/null || exit 255; done' sh
t1=$(now)
/usr/bin/time -f '%M' -o "$work/rss" java -jar "$jar" parse -j 2 -q "$work/set"
t2=$(now)
rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$work/rss")

awk -v mb="$mb" -v a="$(echo "$t1 - $t0" | bc)" -v j="$(echo "$t2 - $t1" | bc)" 'BEGIN {
  printf "%-44s %8.2f s %8.1f MB/s\n", "llvm-as-19 -o /dev/null (xargs -P2)", a, mb / a
  printf "%-44s %8.2f s %8.1f MB/s\n", "lkmm-hazard parse -j 2 (JVM start included)", j, mb / j
  printf "lkmm-hazard / llvm-as-19 throughput: %.2fx\n", a / j
}'
echo "lkmm-hazard peak RSS over the whole set: $rss_mb MB"

# The heap one file needs: the smallest -Xmx, in steps of half the file's size, that reads the largest file.
largest=$(ls -S "${files[@]}" | head -1)
size=$(stat -c %s "$largest")
for tenths in 20 25 30 35 40 50 60 80; do
  xmx=$(( (size * tenths / 10 + 1048575) / 1048576 ))
  if java -Xmx${xmx}m -jar "$jar" parse -j 1 -q "$largest" >/dev/null 2>&1; then
    awk -v f="$(basename "$largest")" -v s=$size -v x=$xmx 'BEGIN {
      printf "largest file %s (%.1f MB) reads with -Xmx%dm: %.1fx its size\n", f, s / 1e6, x, x * 1048576 / s }'
    break
  fi
done
