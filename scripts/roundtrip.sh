#!/usr/bin/env bash
# Round trip of lkmm-hazard's reader and printer on any .ll files: each file is read and printed back by
# `lkmm-hazard print`, then the original and the printed text are both normalized through llvm-as | llvm-dis of
# the LLVM that wrote the file; the two must be identical.
#
#   scripts/roundtrip.sh [--llvm N] [-j JOBS] PATH...     (directories: every *.ll below them)
#
# N is the LLVM version of the files (default 19: the kernel IR of scripts/kernel-ll.sh). Prints one line per
# file that differs, then the counts; exits 1 when any file differs or is rejected.
set -euo pipefail

llvm=19 jobs=2
usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --llvm) llvm=$2; shift 2;;
    -j) jobs=$2; shift 2;;
    -h|--help) usage; exit 0;;
    --) shift; break;;
    -*) echo "roundtrip: unknown option $1" >&2; exit 2;;
    *) break;;
  esac
done
[ $# -ge 1 ] || { usage >&2; exit 2; }
for t in llvm-as-$llvm llvm-dis-$llvm; do
  command -v "$t" >/dev/null || { echo "roundtrip: $t is missing (apt-get install llvm-$llvm)" >&2; exit 2; }
done
repo=$(cd "$(dirname "$0")/.." && pwd)
jar=$repo/target/lkmm-hazard.jar
[ -f "$jar" ] || (cd "$repo" && mvn -q -B -DskipTests package)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# -L: a directory of links to the files (scripts/llvm-tests.sh makes one) counts as the files
find -L "$@" -name '*.ll' -type f | sort > "$work/list"

one() {
  f=$1 llvm=$2 jar=$3 work=$4
  d=$(mktemp -d "$work/f.XXXXXX")
  # the original and the printed text under one name in two directories, read from there: a file without a
  # source_filename gets its name from the path llvm-as reads it by, which must then be the same for both
  mkdir "$d/orig" "$d/printed"
  cp "$f" "$d/orig/input.ll"
  if ! java -jar "$jar" print "$f" -o "$d/printed/input.ll" 2> "$d/err"; then
    echo "UNREADABLE $f: $(head -1 "$d/err")"; return
  fi
  (cd "$d/orig" && llvm-as-$llvm input.ll -o - 2>/dev/null | llvm-dis-$llvm -o - | tail -n +2) > "$d/want"
  # refused is llvm-as failing; a warning (debug info of an old version, which it drops) the original gets too
  if ! (set -o pipefail; cd "$d/printed" && llvm-as-$llvm input.ll -o - 2> "$d/as-err" | llvm-dis-$llvm -o - | tail -n +2) > "$d/got"; then
    echo "REJECTED $f: $(head -1 "$d/as-err")"; return
  fi
  if cmp -s "$d/want" "$d/got"; then echo "SAME $f"; else echo "DIFFERS $f: $(diff "$d/want" "$d/got" | sed -n 2p)"; fi
  rm -rf "$d"
}
export -f one
xargs -a "$work/list" -P "$jobs" -I{} bash -c 'one "$@"' _ {} "$llvm" "$jar" "$work" > "$work/results"
grep -v '^SAME ' "$work/results" || true
same=$(grep -c '^SAME ' "$work/results" || true)
total=$(wc -l < "$work/list")
echo "round trip through llvm-as-$llvm | llvm-dis-$llvm: $same of $total files identical"
[ "$same" -eq "$total" ]
