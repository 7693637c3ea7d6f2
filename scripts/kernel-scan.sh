#!/usr/bin/env bash
# kernel-scan.sh - the kernel CI recipe: build Linux kernel IR with
# scripts/kernel-ll.sh, scan it with lkmm-hazard, compare every unit with
# its unoptimized twin, write JSON, SARIF (and HTML when this build has it),
# and print a one-screen summary.
#
# See docs/kernel-ci.md; run with --help for usage.
set -euo pipefail

PROG=$(basename "$0")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
    cat <<EOF
Usage: $PROG [options] OUTDIR

Builds the IR of about thirty concurrency-heavy Linux kernel units with
scripts/kernel-ll.sh --before into OUTDIR/ir (reused when it is already
there), builds the lkmm-hazard jar if needed, and writes:

  OUTDIR/scan.json     lkmm-hazard scan of the optimized units (JSON)
  OUTDIR/scan.sarif    the same as SARIF 2.1.0 (for code-scanning upload)
  OUTDIR/scan.html     the same as HTML, when this build has --format html
  OUTDIR/diff.json     lkmm-hazard diff of every unit against its
                       .before.ll twin, one report (diff DIR)
  OUTDIR/summary.txt   the summary printed at the end

Options:
  --ir DIR         scan the IR in DIR (made by scripts/kernel-ll.sh; only
                   read) instead of building it into OUTDIR/ir
  --jobs N         make -j N for the kernel build, and the files scanned and
                   units diffed in parallel (default: 2)
  --shard K/N      scan and diff only part K of N of the units (scan --shard;
                   join the parts with 'lkmm-hazard merge')
  --baseline FILE  an earlier scan.json: its findings are not reported again
  --fail-on LEVEL  exit 1 when scan or diff reports a finding at or above
                   LEVEL (error, warning or note; default: never)
  --jar FILE       the lkmm-hazard jar (default: target/lkmm-hazard.jar of
                   this checkout, built with Maven when missing or older
                   than the sources)
  -h, --help       show this help and exit

Example:
  $PROG --jobs 4 out/                 # everything, from scratch
  $PROG --ir out/ir --shard 2/4 part2/ # one machine of a four-way matrix

Exit status: 0 when the scan ran (whatever it found, unless --fail-on);
1 when --fail-on LEVEL is reached; 2 on a usage or setup error (kernel IR
not built, jar not built, no unit scanned).
EOF
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 2; }

JOBS=2
SHARD=
IR=
BASELINE=
FAIL_ON=never
JAR=
OUT=
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --ir) [ $# -ge 2 ] || die "--ir needs a directory"; IR=$2; shift ;;
        --ir=*) IR=${1#--ir=} ;;
        --jobs|-j) [ $# -ge 2 ] || die "--jobs needs a number"; JOBS=$2; shift ;;
        --jobs=*) JOBS=${1#--jobs=} ;;
        --shard) [ $# -ge 2 ] || die "--shard needs K/N"; SHARD=$2; shift ;;
        --shard=*) SHARD=${1#--shard=} ;;
        --baseline) [ $# -ge 2 ] || die "--baseline needs a file"; BASELINE=$2; shift ;;
        --baseline=*) BASELINE=${1#--baseline=} ;;
        --fail-on) [ $# -ge 2 ] || die "--fail-on needs a level"; FAIL_ON=$2; shift ;;
        --fail-on=*) FAIL_ON=${1#--fail-on=} ;;
        --jar) [ $# -ge 2 ] || die "--jar needs a file"; JAR=$2; shift ;;
        --jar=*) JAR=${1#--jar=} ;;
        -*) die "unknown option: $1 (see --help)" ;;
        *) [ -z "$OUT" ] || die "only one OUTDIR may be given"; OUT=$1 ;;
    esac
    shift
done
[ -n "$OUT" ] || { usage >&2; exit 2; }
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "--jobs wants a positive number"
[ -z "$SHARD" ] || [[ "$SHARD" =~ ^[1-9][0-9]*/[1-9][0-9]*$ ]] || die "--shard wants K/N, e.g. 2/4"
case "$FAIL_ON" in error|warning|note|never) ;; *) die "--fail-on takes error, warning, note or never" ;; esac
[ -z "$BASELINE" ] || [ -f "$BASELINE" ] || die "no such baseline: $BASELINE"
command -v java >/dev/null || die "java (17 or later) not found on PATH"
command -v python3 >/dev/null || die "python3 not found on PATH (the summary needs it)"

mkdir -p "$OUT"
OUT_SHOWN=${OUT%/}/       # as the user wrote it, for the summary
OUT=$(cd "$OUT" && pwd)
[ -z "$BASELINE" ] || BASELINE=$(cd "$(dirname "$BASELINE")" && pwd)/$(basename "$BASELINE")
export LC_ALL=C           # one sort order everywhere: the shards of every machine agree
T_START=$(date +%s)

# ------------------------------------------------------------ 1. kernel IR
T0=$(date +%s)
if [ -n "$IR" ]; then
    [ -d "$IR" ] || die "--ir: no such directory: $IR"
    IR=$(cd "$IR" && pwd)
    log "using the kernel IR in $IR"
    IR_HOW="given (--ir)"
elif [ -f "$OUT/ir/MANIFEST.txt" ] && compgen -G "$OUT/ir/*.before.ll" >/dev/null; then
    IR=$OUT/ir
    log "reusing the kernel IR in $IR"
    IR_HOW="reused"
else
    IR=$OUT/ir
    log "building the kernel IR into $IR (scripts/kernel-ll.sh --before; several minutes)"
    "$ROOT/scripts/kernel-ll.sh" --before --jobs "$JOBS" "$IR" >"$OUT/kernel-ll.log" 2>&1 ||
        { tail -n 20 "$OUT/kernel-ll.log" >&2; die "scripts/kernel-ll.sh failed; see $OUT/kernel-ll.log"; }
    IR_HOW="built"
fi
T_IR=$(( $(date +%s) - T0 ))
KERNEL=$(sed -n 's/^# kernel: //p' "$IR/MANIFEST.txt" 2>/dev/null | head -n1)
COMPILER=$(sed -n 's/^# compiler: //p' "$IR/MANIFEST.txt" 2>/dev/null | head -n1)

# ------------------------------------------------------------------ 2. jar
T0=$(date +%s)
if [ -z "$JAR" ]; then
    JAR=$ROOT/target/lkmm-hazard.jar
    if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]; then
        log "building $JAR (mvn package)"
        command -v mvn >/dev/null || die "mvn not found; build the jar or give --jar"
        (cd "$ROOT" && mvn -q -B -DskipTests package) >"$OUT/mvn.log" 2>&1 ||
            { tail -n 20 "$OUT/mvn.log" >&2; die "mvn package failed; see $OUT/mvn.log"; }
    fi
fi
[ -f "$JAR" ] || die "no such jar: $JAR"
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
T_JAR=$(( $(date +%s) - T0 ))
LH=(java -jar "$JAR")
VERSION=$("${LH[@]}" --version)

# ------------------------------------------------------------------ 3. scan
# The optimized units, sorted; the .before.ll twins are for diff only. Scan and diff run inside the IR directory
# with bare file names, so that reports name kernel__rcu__tree.ll wherever the IR is: the shards of machines with
# different work directories merge, and no machine path ends up in a report.
cd "$IR"
mapfile -t UNITS < <(find . -maxdepth 1 -name '*.ll' ! -name '*.before.ll' -type f -printf '%f\n' | sort)
[ ${#UNITS[@]} -gt 0 ] || die "no .ll files in $IR"
SCAN_ARGS=(-j "$JOBS" --fail-on never)
[ -z "$SHARD" ] || SCAN_ARGS+=(--shard "$SHARD")
[ -z "$BASELINE" ] || SCAN_ARGS+=(--baseline "$BASELINE")
T0=$(date +%s)
log "scanning ${SHARD:+shard $SHARD of }${#UNITS[@]} units"
set +e
"${LH[@]}" scan "${SCAN_ARGS[@]}" -f json -o "$OUT/scan.json" "${UNITS[@]}" 2>"$OUT/scan.err"
SCAN_RC=$?
set -e
[ -f "$OUT/scan.json" ] || { cat "$OUT/scan.err" >&2; die "scan wrote no report"; }
if [ -z "$SHARD" ] && ! python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; sys.exit(s["files"] == s["filesFailed"])' "$OUT/scan.json"; then
    head -n 5 "$OUT/scan.err" >&2
    die "no unit could be scanned"
fi
# SARIF (and HTML) from the JSON: merge of one report is a conversion, so the units are read once.
"${LH[@]}" merge --fail-on never -f sarif -o "$OUT/scan.sarif" "$OUT/scan.json"
rm -f "$OUT/scan.html"
# HTML only when this build has it: from the JSON if merge writes it, else by a second scan.
if grep -qw html <<<"$("${LH[@]}" merge --help)"; then
    "${LH[@]}" merge --fail-on never -f html -o "$OUT/scan.html" "$OUT/scan.json"
elif grep -qw html <<<"$("${LH[@]}" scan --help)"; then
    "${LH[@]}" scan "${SCAN_ARGS[@]}" -f html -o "$OUT/scan.html" "${UNITS[@]}" 2>/dev/null || true
fi
T_SCAN=$(( $(date +%s) - T0 ))

# ------------------------------------------------------------------ 4. diff
# Every unit with its .before.ll twin, in one run (diff DIR pairs them), sharded as scan is.
T0=$(date +%s)
rm -rf "$OUT/diff" "$OUT/diff.json"
DIFF_ARGS=(-j "$JOBS" --fail-on never)
[ -z "$SHARD" ] || DIFF_ARGS+=(--shard "$SHARD")
if compgen -G '*.before.ll' >/dev/null; then
    log "diffing ${SHARD:+shard $SHARD of }the units against their .before.ll twins"
    set +e
    "${LH[@]}" diff "${DIFF_ARGS[@]}" -f json -o "$OUT/diff.json" . 2>"$OUT/diff.err"
    set -e
fi
T_DIFF=$(( $(date +%s) - T0 ))

# --------------------------------------------------------------- 5. summary
T_ALL=$(( $(date +%s) - T_START ))
export OUT_SHOWN VERSION SHARD KERNEL COMPILER IR_HOW T_IR T_JAR T_SCAN T_DIFF T_ALL
python3 - "$OUT" <<'PY' | tee "$OUT/summary.txt"
import json, os, sys
from collections import Counter
out, env = sys.argv[1], os.environ
scan = json.load(open(os.path.join(out, "scan.json")))
s = scan["summary"]
print(f"{env['VERSION']} kernel scan" + (f", shard {env['SHARD']}" if env["SHARD"] else ""))
print(f"kernel: {env['KERNEL'] or '?'}")
print(f"compiler: {env['COMPILER'] or '?'}")
print(f"units: {s['files']} scanned, {s['filesFailed']} failed; "
      f"{sum(f.get('functions', 0) for f in scan['files'])} functions, "
      f"{sum(f.get('instructions', 0) for f in scan['files'])} instructions")
extra = []
if s["baselined"]: extra.append(f"{s['baselined']} already in the baseline")
if s["suppressed"]: extra.append(f"{s['suppressed']} suppressed")
def severities(summary):
    b = summary["bySeverity"]
    return ", ".join(f"{b.get(k, 0)} {k}s" for k in ("error", "warning", "note"))
print(f"scan findings: {s['findings']} ({severities(s)})" + ("; " + ", ".join(extra) if extra else ""))

def table(findings, indent="  "):
    by = Counter((f["check"], f["severity"]) for f in findings)
    order = {"error": 0, "warning": 1, "note": 2}
    for (check, sev), n in sorted(by.items(), key=lambda x: (order.get(x[0][1], 3), -x[1], x[0][0])):
        print(f"{indent}{n:6d}  {sev:8s} {check}")

table(scan["findings"])
diff_path = os.path.join(out, "diff.json")
d = json.load(open(diff_path)) if os.path.exists(diff_path) else None
if d:
    pairs = sum(1 for f in d["files"] if f["path"].endswith(".before.ll"))
    print(f"diff against the .before.ll twins: {pairs} units, {d['summary']['findings']} findings "
          f"({severities(d['summary'])})")
    table(d["findings"])
# Functions by their errors and warnings first: the notes (mixed-access, fragile) are many and less urgent.
weight = {"error": 100, "warning": 10, "note": 1}
fns = Counter()
for f in scan["findings"] + (d["findings"] if d else []):
    fns[(f["function"], os.path.basename(f["file"]).replace(".before.ll", ".ll"))] += weight.get(f["severity"], 1)
if fns:
    print("top functions (scan and diff; errors, warnings, notes):")
    for (fn, file), _ in fns.most_common(8):
        sev = Counter(f["severity"] for f in scan["findings"] + (d["findings"] if d else [])
                      if f["function"] == fn and os.path.basename(f["file"]).replace(".before.ll", ".ll") == file)
        print(f"  {sev['error']:3d} {sev['warning']:3d} {sev['note']:3d}  {fn}  ({file})")
failed = [f for f in scan["files"] if f["status"] != "ok"]
if d:
    failed += [f for f in d["files"] if f["status"] != "ok"]
print(f"failed: {len(failed)}")
for f in failed[:5]:
    print(f"  {f.get('error') or f['path']}")
outputs = [n for n in ("scan.json", "scan.sarif", "scan.html", "diff.json") if os.path.exists(os.path.join(out, n))]
print("written: " + ", ".join(outputs) + " in " + env["OUT_SHOWN"])
print(f"time: IR {env['IR_HOW']} {env['T_IR']}s, jar {env['T_JAR']}s, scan {env['T_SCAN']}s, "
      f"diff {env['T_DIFF']}s, total {env['T_ALL']}s")
PY

if [ "$SCAN_RC" = 2 ]; then
    log "some units could not be read:"
    sed 's/^/    /' "$OUT/scan.err" | head -n 5 >&2
fi
if [ "$FAIL_ON" != never ]; then
    # The exit status scan (or diff) would have given with --fail-on: merge of one report recomputes it.
    for r in "$OUT/scan.json" "$OUT/diff.json"; do
        [ -f "$r" ] || continue
        set +e
        "${LH[@]}" merge --fail-on "$FAIL_ON" -f json "$r" >/dev/null 2>&1
        rc=$?
        set -e
        [ "$rc" != 1 ] || exit 1
    done
fi
exit 0
