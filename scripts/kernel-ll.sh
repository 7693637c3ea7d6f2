#!/usr/bin/env bash
# kernel-ll.sh - produce textual LLVM IR (.ll) of concurrency-heavy Linux
# kernel translation units with Debian's linux-source (6.1) and clang-19,
# for x86_64 or arm64 (clang cross-compiles by itself).
#
# See docs/kernel-ir.md for details; run with --help for usage.
set -euo pipefail

PROG=$(basename "$0")
LLVM_SUFFIX=-19
ARCH=x86_64

usage() {
    cat <<EOF
Usage: $PROG [options] DIR

Build textual LLVM IR of about thirty concurrency-heavy Linux kernel
translation units (RCU, locking, scheduler, workqueue, mm, fs, net, lib)
with the kernel's own single-file rule 'make LLVM=$LLVM_SUFFIX path/file.ll'
(ARCH defconfig plus DWARF debug info, so the IR carries !dbg locations,
plus the options of the published dependency cases: $(printf '%s ' "${CASE_CONFIG[@]}")),
and copy them into DIR with flat names (kernel/rcu/tree.ll ->
DIR/kernel__rcu__tree.ll). DIR/MANIFEST.txt lists every file, its size and
the exact compile command the kernel used.

Options:
  --arch ARCH    x86_64 (default) or arm64
  --before       also produce DIR/<name>.before.ll for every unit: the same
                 compile command plus '-Xclang -disable-llvm-passes'
                 (the IR as clang's front end emits it, before optimization)
  --work DIR2    cache directory for the unpacked, configured kernel tree
                 (default: DIR/.build); reused on reruns
  --jobs N       make -j N (default: 2)
  --unit PATH    build only this unit (e.g. kernel/rcu/tree.ll); repeatable
  --no-install   do not run apt-get; fail if a required package is missing
  --list         print the default unit list and exit
  -h, --help     show this help and exit

Needs root for apt-get (Debian bookworm): linux-source, clang-19, llvm-19,
lld-19 and the kernel build prerequisites are installed when missing.
Exit status is non-zero only if no unit could be produced (or on a setup
error such as a failed install or configuration).
EOF
}

# Options the published dependency cases need (fs/afs, fs/nfs, mm/ksm,
# drivers/hwtracing/stm, lockdep); enabled =y on top of defconfig.
CASE_CONFIG=(AFS_FS NFS_FS NFS_V4 KSM STM PROVE_LOCKING)

# Default units. Each is checked to exist in the source tree and to be
# built by the configuration (an obj rule for its .o whose config is =y).
DEFAULT_UNITS=(
    kernel/rcu/tree.ll
    kernel/rcu/srcutree.ll
    kernel/rcu/update.ll
    kernel/rcu/rcu_segcblist.ll
    kernel/rcu/sync.ll
    kernel/locking/qspinlock.ll
    kernel/locking/qrwlock.ll
    kernel/locking/mutex.ll
    kernel/locking/rwsem.ll
    kernel/locking/osq_lock.ll
    kernel/locking/percpu-rwsem.ll
    kernel/locking/semaphore.ll
    kernel/sched/core.ll
    kernel/sched/fair.ll
    kernel/sched/build_policy.ll
    kernel/workqueue.ll
    kernel/irq_work.ll
    kernel/smp.ll
    kernel/task_work.ll
    kernel/futex/core.ll
    kernel/futex/waitwake.ll
    mm/page_alloc.ll
    mm/slub.ll
    mm/memory.ll
    mm/filemap.ll
    fs/dcache.ll
    fs/inode.ll
    fs/namei.ll
    fs/file.ll
    net/core/dev.ll
    net/core/skbuff.ll
    net/core/sock.ll
    lib/llist.ll
    lib/lockref.ll
    lib/percpu-refcount.ll
    lib/percpu_counter.ll
    # The published cases: code whose dependencies were discussed on the
    # kernel lists as possibly broken by the compiler.
    fs/afs/addr_list.ll
    fs/nfs/delegation.ll
    mm/ksm.ll
    drivers/hwtracing/stm/core.ll
    kernel/locking/lockdep.ll
)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

BEFORE=0
WORK=
JOBS=2
INSTALL=1
UNITS=()
OUT=

while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --before) BEFORE=1 ;;
        --arch) [ $# -ge 2 ] || die "--arch needs x86_64 or arm64"; ARCH=$2; shift ;;
        --arch=*) ARCH=${1#--arch=} ;;
        --work) [ $# -ge 2 ] || die "--work needs a directory"; WORK=$2; shift ;;
        --work=*) WORK=${1#--work=} ;;
        --jobs|-j) [ $# -ge 2 ] || die "--jobs needs a number"; JOBS=$2; shift ;;
        --jobs=*) JOBS=${1#--jobs=} ;;
        --unit) [ $# -ge 2 ] || die "--unit needs a path"; UNITS+=("$2"); shift ;;
        --unit=*) UNITS+=("${1#--unit=}") ;;
        --no-install) INSTALL=0 ;;
        --list) printf '%s\n' "${DEFAULT_UNITS[@]}"; exit 0 ;;
        --) shift; break ;;
        -*) die "unknown option: $1 (see --help)" ;;
        *) [ -z "$OUT" ] || die "only one DIR may be given"; OUT=$1 ;;
    esac
    shift
done
if [ $# -gt 0 ]; then
    [ -z "$OUT" ] && [ $# -eq 1 ] || die "only one DIR may be given"
    OUT=$1
fi
[ -n "$OUT" ] || { usage >&2; exit 2; }
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "--jobs wants a positive number"
case "$ARCH" in x86_64|arm64) ;; *) die "--arch wants x86_64 or arm64, not '$ARCH'" ;; esac
[ ${#UNITS[@]} -gt 0 ] || UNITS=("${DEFAULT_UNITS[@]}")

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -n "$WORK" ] || WORK=$OUT/.build
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

START=$(date +%s)

# ---------------------------------------------------------------- 1. packages
PACKAGES=(linux-source clang-19 llvm-19 lld-19 bc bison flex libelf-dev
          libssl-dev make gcc libc6-dev xz-utils cpio python3 dwarves)

installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    [ "$INSTALL" = 1 ] || die "missing packages: ${missing[*]} (rerun without --no-install)"
    [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]}; run as root to install them"
    log "installing: ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
    log "all required packages are present"
fi
for t in clang-19 ld.lld-19 llvm-as-19 llvm-ar-19 llvm-nm-19 llvm-objcopy-19; do
    command -v "$t" >/dev/null || die "$t not found on PATH"
done

# ------------------------------------------------------------------ 2. unpack
shopt -s nullglob
tarballs=(/usr/src/linux-source-*.tar.xz)
shopt -u nullglob
[ ${#tarballs[@]} -gt 0 ] || die "no kernel source tarball in /usr/src (is linux-source installed?)"
TARBALL=${tarballs[${#tarballs[@]}-1]}
TOPNAME=$(basename "$TARBALL" .tar.xz)          # linux-source-6.1
SRC=$WORK/$TOPNAME
STAMP=$WORK/.unpacked-$TOPNAME

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(stat -c '%s %Y' "$TARBALL")" ] && [ -f "$SRC/Makefile" ]; then
    log "reusing unpacked source $SRC"
else
    log "unpacking $TARBALL into $WORK"
    rm -rf "$SRC" "$STAMP"
    tar -C "$WORK" -xf "$TARBALL"
    [ -f "$SRC/Makefile" ] || die "unpacking did not give $SRC/Makefile"
    stat -c '%s %Y' "$TARBALL" >"$STAMP"
fi
KVER=$(make -s -C "$SRC" kernelversion 2>/dev/null || echo unknown)
log "kernel version $KVER"

MAKE=(make -C "$SRC" ARCH="$ARCH" LLVM="$LLVM_SUFFIX")

# --------------------------------------------------------------- 3. configure
has_debug_info() {
    grep -qx 'CONFIG_DEBUG_INFO=y' "$SRC/.config" 2>/dev/null &&
        ! grep -qx 'CONFIG_DEBUG_INFO_NONE=y' "$SRC/.config" &&
        ! grep -qx 'CONFIG_DEBUG_INFO_REDUCED=y' "$SRC/.config"
}
CONFSTAMP=$WORK/.configured-$TOPNAME
RECIPE="$ARCH defconfig debug-info ${CASE_CONFIG[*]}"
if [ -f "$CONFSTAMP" ] && [ "$(cat "$CONFSTAMP")" = "$RECIPE" ] && has_debug_info; then
    log "reusing configuration $SRC/.config"
else
    log "configuring: $ARCH defconfig + debug info + ${CASE_CONFIG[*]}"
    rm -f "$CONFSTAMP"
    "${MAKE[@]}" -s defconfig
    "$SRC/scripts/config" --file "$SRC/.config" \
        --disable DEBUG_INFO_NONE \
        --enable DEBUG_INFO \
        --enable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT \
        --disable DEBUG_INFO_REDUCED \
        --disable DEBUG_INFO_SPLIT \
        --disable DEBUG_INFO_BTF
    for c in "${CASE_CONFIG[@]}"; do "$SRC/scripts/config" --file "$SRC/.config" --enable "$c"; done
    "${MAKE[@]}" -s olddefconfig
    has_debug_info || die "CONFIG_DEBUG_INFO is not on after olddefconfig; see $SRC/.config"
    for c in "${CASE_CONFIG[@]}"; do
        grep -qx "CONFIG_$c=y" "$SRC/.config" || log "warning: CONFIG_$c is not =y after olddefconfig (a dependency is off)"
    done
    printf '%s\n' "$RECIPE" >"$CONFSTAMP"
fi
grep -E '^CONFIG_DEBUG_INFO(_DWARF[A-Z0-9_]*)?=' "$SRC/.config" | sed 's/^/  /'

# Is UNIT (path/file.ll) built by this configuration?  Looks in the
# directory's Makefile for a line naming file.o whose obj-$(CONFIG_X)
# variable (possibly across '\' continuations) is y, or plain obj-y.
# Prints a reason and returns 1 if not.
built_by_config() {
    local unit=$1 dir base mk
    dir=$(dirname "$unit"); base=$(basename "$unit" .ll)
    [ -f "$SRC/$dir/$base.c" ] || { echo "no source file $dir/$base.c in $KVER"; return 1; }
    mk=$SRC/$dir/Makefile
    [ -f "$mk" ] || { echo "no $dir/Makefile"; return 1; }
    python3 - "$mk" "$base.o" "$SRC/.config" <<'PY'
import re, sys
mk, obj, cfgfile = sys.argv[1:4]
cfg = {}
for l in open(cfgfile):
    m = re.match(r'(CONFIG_[A-Za-z0-9_]+)=(.*)', l)
    if m:
        cfg[m.group(1)] = m.group(2)
text = open(mk).read().replace('\\\n', ' ')
seen = []
for line in text.splitlines():
    m = re.match(r'\s*([A-Za-z0-9_-]+(?:-\$\((CONFIG_[A-Za-z0-9_]+)\))?(?:-[a-z]+)?)\s*[:+]?=\s*(.*)', line)
    if not m or obj not in m.group(3).split():
        continue
    var, conf = m.group(1), m.group(2)
    seen.append(var)
    if var in ('obj-y', 'lib-y') or re.fullmatch(r'[A-Za-z0-9_-]+-(y|objs)', var):
        sys.exit(0)
    if conf and cfg.get(conf) == 'y':
        sys.exit(0)
if seen:
    print('only in ' + ', '.join(seen) + ' (config not =y)')
else:
    print('no rule for ' + obj + ' in its Makefile')
sys.exit(1)
PY
}

# Compile command for UNIT from its .cmd file (make escaping undone).
cmd_of() {
    local unit=$1 dir base f line
    dir=$(dirname "$unit"); base=$(basename "$unit")
    f=$SRC/$dir/.$base.cmd
    [ -f "$f" ] || return 1
    line=$(grep -m1 -E "^(saved)?cmd_$unit := " "$f") || return 1
    line=${line#*:= }
    line=${line//'$(pound)'/#}
    line=${line//'$$'/$}
    printf '%s\n' "$line"
}

flat_name() { local u=${1%.ll}; printf '%s\n' "${u//\//__}"; }

# ------------------------------------------------------------------- 4. build
OK=()
FAILED=()        # "unit<TAB>reason"
BEFORE_FAILED=()
declare -A CMD BCMD
LOGDIR=$WORK/logs
mkdir -p "$LOGDIR"

for unit in "${UNITS[@]}"; do
    case "$unit" in *.ll) ;; *) unit=$unit.ll ;; esac
    name=$(flat_name "$unit")
    if ! why=$(built_by_config "$unit"); then
        log "SKIP $unit: $why"
        FAILED+=("$unit"$'\t'"not built by defconfig: $why")
        continue
    fi
    log "make $unit"
    t0=$(date +%s)
    if ! "${MAKE[@]}" -j"$JOBS" V=1 "$unit" >"$LOGDIR/$name.log" 2>&1; then
        log "FAILED $unit: 'make $unit' exited non-zero; last lines of $LOGDIR/$name.log:"
        tail -n 15 "$LOGDIR/$name.log" | sed 's/^/    /'
        FAILED+=("$unit"$'\t'"make failed: $(grep -m1 -E 'error:|Error ' "$LOGDIR/$name.log" | cut -c1-200 || echo 'see log')")
        continue
    fi
    if [ ! -s "$SRC/$unit" ]; then
        log "FAILED $unit: make succeeded but produced no $unit"
        FAILED+=("$unit"$'\t'"make produced no file")
        continue
    fi
    cp -f "$SRC/$unit" "$OUT/$name.ll"
    cmd=$(cmd_of "$unit") || cmd="(compile command not found in .cmd file)"
    CMD[$unit]=$cmd
    OK+=("$unit")
    log "ok $unit -> $name.ll ($(stat -c %s "$OUT/$name.ll") bytes, $(( $(date +%s) - t0 ))s)"

    # ------------------------------------------------------ 6. --before twin
    if [ "$BEFORE" = 1 ]; then
        bout=$OUT/$name.before.ll
        case "$cmd" in
            clang-19\ *|*/clang-19\ *) ;;
            *) log "FAILED $unit (before): unusable compile command"
               BEFORE_FAILED+=("$unit"$'\t'"no usable compile command"); continue ;;
        esac
        # Drop the dependency-file option (it would rewrite kbuild's .d file),
        # add -Xclang -disable-llvm-passes after the compiler, retarget -o.
        bcmd=$(printf '%s\n' "$cmd" | sed -E \
            -e 's/ -Wp,-MMD,[^ ]+//' \
            -e 's/^([^ ]*clang-19) /\1 -Xclang -disable-llvm-passes /' \
            -e "s# -o $unit # -o $name.before.ll #")
        if [[ "$bcmd" != *" -o $name.before.ll "* ]]; then
            log "FAILED $unit (before): could not find '-o $unit' in the compile command"
            BEFORE_FAILED+=("$unit"$'\t'"no '-o $unit' in the compile command"); continue
        fi
        BCMD[$unit]=$bcmd
        if [ -s "$bout" ] && [ "$bout" -nt "$SRC/$unit" ]; then
            log "ok $unit -> $name.before.ll (up to date)"
            continue
        fi
        t0=$(date +%s)
        # Run from the kernel top directory, as kbuild does; the output goes
        # to a temporary name there and is then moved into DIR.
        if (cd "$SRC" && bash -c "$bcmd") >"$LOGDIR/$name.before.log" 2>&1 &&
           [ -s "$SRC/$name.before.ll" ]; then
            mv -f "$SRC/$name.before.ll" "$bout"
            log "ok $unit -> $name.before.ll ($(stat -c %s "$bout") bytes, $(( $(date +%s) - t0 ))s)"
        else
            rm -f "$SRC/$name.before.ll"
            log "FAILED $unit (before); last lines of $LOGDIR/$name.before.log:"
            tail -n 15 "$LOGDIR/$name.before.log" | sed 's/^/    /'
            BEFORE_FAILED+=("$unit"$'\t'"compile with -disable-llvm-passes failed")
        fi
    fi
done

# --------------------------------------------------------------- 5. manifest
END=$(date +%s)
MAN=$OUT/MANIFEST.txt
{
    echo "# Linux kernel LLVM IR produced by scripts/kernel-ll.sh"
    echo "# kernel: $KVER ($(basename "$TARBALL"), Debian package $(dpkg-query -W -f='${Package} ${Version}' "$TOPNAME" 2>/dev/null || echo '?'))"
    echo "# compiler: $(clang-19 --version | head -n1)"
    echo "# config: $ARCH defconfig + CONFIG_DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT + ${CASE_CONFIG[*]}, make ARCH=$ARCH LLVM=$LLVM_SUFFIX"
    echo "# commands run from the top of the kernel source tree"
    echo "# elapsed: $(( END - START ))s"
    echo "#"
    echo "# file<TAB>bytes<TAB>command"
    for unit in "${OK[@]}"; do
        name=$(flat_name "$unit")
        printf '%s\t%s\t%s\n' "$name.ll" "$(stat -c %s "$OUT/$name.ll")" "${CMD[$unit]}"
        if [ "$BEFORE" = 1 ] && [ -s "$OUT/$name.before.ll" ] && [ -n "${BCMD[$unit]:-}" ]; then
            printf '%s\t%s\t%s\n' "$name.before.ll" "$(stat -c %s "$OUT/$name.before.ll")" "${BCMD[$unit]}"
        fi
    done
    for f in "${FAILED[@]}"; do printf '# FAILED\t%s\n' "$f"; done
    for f in "${BEFORE_FAILED[@]}"; do printf '# FAILED-BEFORE\t%s\n' "$f"; done
} >"$MAN"

summary="${#OK[@]} unit(s) produced, ${#FAILED[@]} failed or skipped"
[ "$BEFORE" = 0 ] || summary+=", ${#BEFORE_FAILED[@]} before-twin failure(s)"
log "done in $(( END - START ))s: $summary"
for f in "${FAILED[@]}"; do log "  failed: ${f//$'\t'/: }"; done
for f in "${BEFORE_FAILED[@]}"; do log "  failed (before): ${f//$'\t'/: }"; done
log "output: $OUT (manifest: $MAN)"
[ ${#OK[@]} -gt 0 ] || die "no unit was produced"
