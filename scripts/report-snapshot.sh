#!/usr/bin/env bash
# report-snapshot.sh - write every report a refactoring must leave unchanged, so that two builds can be compared
# file by file with 'diff -r'.
#
# Usage: scripts/report-snapshot.sh [--jar JAR] [--kernel IRDIR] OUTDIR
#
# For the corpus (and, with --kernel, the output of scripts/kernel-ll.sh --before):
#   OUTDIR/scan/<dir>.{json,sarif,txt}   scan of every IR directory of the corpus, one report per directory
#   OUTDIR/diff/<pair>.{json,sarif,txt}  diff of every before/after pair (O2-nopasses[-g] against O2[-g], O0[-g]
#                                        against O2[-g] for rustc; X.before.ll against X.ll for the kernel)
#   OUTDIR/kernel-scan.{json,sarif}      scan of the kernel's optimized units
# Exit codes of the tool are ignored (findings make it exit 1); the reports are what is compared.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$ROOT/target/lkmm-hazard.jar
KERNEL=
while [ $# -gt 1 ]; do
    case "$1" in
        --jar) JAR=$2; shift 2 ;;
        --kernel) KERNEL=$2; shift 2 ;;
        *) echo "report-snapshot.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ $# -eq 1 ] || { sed -n 2,14p "$0" >&2; exit 2; }
OUT=$1
mkdir -p "$OUT/scan" "$OUT/diff"
run() { java -jar "$JAR" "$@" 2>/dev/null || true; }
cd "$ROOT"

for dir in $(find corpus/ir -mindepth 3 -maxdepth 3 -type d | sort); do
    name=$(echo "$dir" | sed 's|corpus/ir/||; s|/|_|g')
    run scan --fail-on never --format json "$dir" > "$OUT/scan/$name.json"
    run scan --fail-on never --format sarif "$dir" > "$OUT/scan/$name.sarif"
    run scan --fail-on never "$dir" > "$OUT/scan/$name.txt"
done

pair() { # BEFORE AFTER NAME
    run diff --format json "$1" "$2" > "$OUT/diff/$3.json"
    run diff --format sarif "$1" "$2" > "$OUT/diff/$3.sarif"
    run diff "$1" "$2" > "$OUT/diff/$3.txt"
}
for after in $(find corpus/ir -path '*/O2*' -name '*.ll' | grep -v nopasses | sort); do
    opt=$(basename "$(dirname "$after")")
    base=$(dirname "$(dirname "$after")")
    name=$(echo "$after" | sed 's|corpus/ir/||; s|/|_|g; s|\.ll$||')
    for b in "$base/${opt/O2/O2-nopasses}" "$base/${opt/O2/O0}"; do
        if [ -f "$b/$(basename "$after")" ]; then pair "$b/$(basename "$after")" "$after" "$name"; break; fi
    done
done

if [ -n "$KERNEL" ]; then
    mapfile -t units < <(find "$KERNEL" -maxdepth 1 -name '*.ll' ! -name '*.before.ll' | sort)
    run scan --fail-on never --format json "${units[@]}" > "$OUT/kernel-scan.json"
    run scan --fail-on never --format sarif "${units[@]}" > "$OUT/kernel-scan.sarif"
    for u in "${units[@]}"; do
        b=${u%.ll}.before.ll
        [ -f "$b" ] && pair "$b" "$u" "kernel_$(basename "${u%.ll}")"
    done
fi
echo "report-snapshot.sh: $(find "$OUT" -type f | wc -l) reports in $OUT"
