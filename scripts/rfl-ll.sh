#!/usr/bin/env bash
# rfl-ll.sh - produce textual LLVM IR (.ll) of the Rust-for-Linux units of
# Debian's linux-source-6.12 (the kernel crate, the C helpers, rnull, the
# ax88796b PHY driver, the DRM panic QR encoder, the Rust samples), built
# by Kbuild with Debian's rustc-web and bindgen, and their unoptimized twins.
#
# The Rust counterpart of kernel-ll.sh. See docs/rust.md ("Rust-for-Linux IR
# from Kbuild"); run with --help for usage.
set -euo pipefail

PROG=$(basename "$0")
LLVM_SUFFIX=-19
ARCH=x86_64
KSERIES=6.12
RUSTC_BIN=/usr/bin/rustc
BINDGEN_BIN=/usr/bin/bindgen
LIBCLANG_DIR=/usr/lib/llvm-14/lib

# Options enabled =y on top of defconfig: Rust, the units below and what
# they depend on.
RUST_CONFIG=(RUST SAMPLES SAMPLES_RUST SAMPLE_RUST_MINIMAL SAMPLE_RUST_PRINT
             BLK_DEV_RUST_NULL PHYLIB RUST_PHYLIB_ABSTRACTIONS AX88796B_PHY
             AX88796B_RUST_PHY DRM DRM_PANIC DRM_PANIC_SCREEN_QR_CODE)

# Default units: path in the kernel tree and the option that builds it.
# rust/kernel.ll has no Kbuild rule: it is the replay of rust/kernel.o's
# recorded rustc command with --emit=llvm-ir.
DEFAULT_UNITS=(
    rust/kernel.ll:RUST
    rust/helpers/helpers.ll:RUST
    samples/rust/rust_minimal.ll:SAMPLE_RUST_MINIMAL
    samples/rust/rust_print.ll:SAMPLE_RUST_PRINT
    drivers/block/rnull.ll:BLK_DEV_RUST_NULL
    drivers/net/phy/ax88796b_rust.ll:AX88796B_RUST_PHY
    drivers/gpu/drm/drm_panic_qr.ll:DRM_PANIC_SCREEN_QR_CODE
)

usage() {
    cat <<EOF
Usage: $PROG [options] DIR

Build textual LLVM IR of the Rust-for-Linux units of Linux $KSERIES (Debian's
linux-source-$KSERIES) the way Kbuild builds them, with Debian's rustc-web
($RUSTC_BIN), rust-web-src, bindgen and clang$LLVM_SUFFIX, from an x86_64
defconfig plus Rust, DWARF 5 debug info and the options of the units:
$(printf '  %s\n' "${DEFAULT_UNITS[@]%%:*}")
and copy them into DIR with flat names (drivers/block/rnull.ll ->
DIR/drivers__block__rnull.ll). DIR/MANIFEST.txt lists every file, its size
and the exact command that wrote it (run from the top of the kernel tree).

The twins, for every unit (unless --no-twins):
  DIR/X.before.ll  Rust: the same rustc command plus -Cno-prepopulate-passes:
                   the MIR of the real build (opt-level 2), no LLVM pass run.
                   C (rust/helpers/helpers.c): the same clang command plus
                   -Xclang -disable-llvm-passes.
                   'lkmm-hazard diff DIR' pairs each X.before.ll with X.ll.
  DIR/.O0/X.ll     Rust: the same rustc command with -Copt-level=0 (MIR
                   optimized at level 0, which is what 'lkmm-hazard compile'
                   compares with). For the C unit this directory holds a copy
                   of X.before.ll, so 'lkmm-hazard diff DIR/.O0 DIR' pairs
                   every unit. The directory is hidden: 'scan DIR' and
                   'diff DIR' do not read it.

bindgen 0.60.1 (bookworm) is older than the 0.65.1 that $KSERIES asks for;
the script makes it work: it lowers bindgen's minimum in the kernel tree's
scripts/min-tool-version.sh, passes --rust-target 1.47 instead of 1.68 in
rust/Makefile, and gives Kbuild a BINDGEN wrapper (written into the work
tree) that runs bindgen on LLVM 14's libclang, without the clang$LLVM_SUFFIX
flags libclang 14 rejects, and gives the BUG() helper its '-> !'.

Options:
  --work DIR2    cache directory for the unpacked, configured kernel tree
                 (default: DIR/.build); reused on reruns
  --jobs N       make -j N (default: 2)
  --unit PATH    build only this unit (e.g. drivers/block/rnull.ll);
                 repeatable; rust/kernel.ll is the kernel crate
  --no-twins     do not build the X.before.ll and .O0/X.ll twins
  --no-install   do not run apt-get; fail if a required package is missing
  --list         print the default unit list and exit
  -h, --help     show this help and exit

Examples:
  $PROG /tmp/rfl                          # everything, about 3-10 minutes
  $PROG --unit drivers/block/rnull.ll /tmp/rfl
  lkmm-hazard scan /tmp/rfl && lkmm-hazard diff /tmp/rfl

Needs root for apt-get (Debian bookworm): linux-source-$KSERIES, rustc-web,
rust-web-src, bindgen, libclang1-14, clang-19, llvm-19, lld-19 and the
kernel build prerequisites are installed when missing. Exit status is
non-zero on a setup error (install, unpack, patch, rustavailable,
configure, prepare) or when no unit at all was produced; a unit that
cannot be built is reported, listed in the manifest and skipped.
EOF
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }

WORK=
JOBS=2
INSTALL=1
TWINS=1
UNITS=()
OUT=

while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --work) [ $# -ge 2 ] || die "--work needs a directory"; WORK=$2; shift ;;
        --work=*) WORK=${1#--work=} ;;
        --jobs|-j) [ $# -ge 2 ] || die "--jobs needs a number"; JOBS=$2; shift ;;
        --jobs=*) JOBS=${1#--jobs=} ;;
        --unit) [ $# -ge 2 ] || die "--unit needs a path"; UNITS+=("$2"); shift ;;
        --unit=*) UNITS+=("${1#--unit=}") ;;
        --no-twins) TWINS=0 ;;
        --no-install) INSTALL=0 ;;
        --list) printf '%s\n' "${DEFAULT_UNITS[@]%%:*}"; exit 0 ;;
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
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || die "--jobs wants a positive number, not '$JOBS'"
if [ ${#UNITS[@]} -eq 0 ]; then
    UNITS=("${DEFAULT_UNITS[@]%%:*}")
fi

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -n "$WORK" ] || WORK=$OUT/.build
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
START=$(date +%s)

# ---------------------------------------------------------------- 1. packages
PACKAGES=(linux-source-$KSERIES rustc-web rust-web-src bindgen libclang1-14
          clang-19 llvm-19 lld-19 bc bison flex libelf-dev libssl-dev make gcc
          libc6-dev xz-utils cpio python3)

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
for t in clang-19 ld.lld-19 llvm-ar-19 llvm-nm-19 llvm-objcopy-19 "$RUSTC_BIN" "$BINDGEN_BIN"; do
    command -v "$t" >/dev/null || die "$t not found"
done
ls "$LIBCLANG_DIR"/libclang.so* >/dev/null 2>&1 || die "no libclang in $LIBCLANG_DIR (is libclang1-14 installed?)"
SYSROOT=$("$RUSTC_BIN" --print sysroot)
[ -f "$SYSROOT/lib/rustlib/src/rust/library/core/src/lib.rs" ] ||
    die "$RUSTC_BIN has no standard library source under $SYSROOT/lib/rustlib/src (is rust-web-src installed?)"
RUSTC_VERSION=$("$RUSTC_BIN" --version)
BINDGEN_VERSION=$("$BINDGEN_BIN" --version | sed -nE '1s/.*bindgen ([0-9]+\.[0-9]+\.[0-9]+).*/\1/p')
[ -n "$BINDGEN_VERSION" ] || die "'$BINDGEN_BIN --version' printed no version"
log "$RUSTC_VERSION; bindgen $BINDGEN_VERSION"

# ------------------------------------------------------------------ 2. unpack
TARBALL=/usr/src/linux-source-$KSERIES.tar.xz
[ -f "$TARBALL" ] || die "no $TARBALL (is linux-source-$KSERIES installed?)"
TOPNAME=linux-source-$KSERIES
SRC=$WORK/$TOPNAME
STAMP=$WORK/.unpacked-$TOPNAME

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(stat -c '%s %Y' "$TARBALL")" ] && [ -f "$SRC/Makefile" ]; then
    log "reusing unpacked source $SRC"
else
    log "unpacking $TARBALL into $WORK"
    rm -rf "$SRC" "$STAMP" "$WORK/.configured-$TOPNAME"
    tar -C "$WORK" -xf "$TARBALL"
    [ -f "$SRC/Makefile" ] || die "unpacking did not give $SRC/Makefile"
    stat -c '%s %Y' "$TARBALL" >"$STAMP"
fi
KVER=$(make -s -C "$SRC" kernelversion 2>/dev/null || echo unknown)
log "kernel version $KVER"

# ------------------------------------------------------- 3. bindgen workaround
# (a) The kernel refuses bindgen older than 0.65.1: lower the minimum to the
#     installed version.
MTV=$SRC/scripts/min-tool-version.sh
sed -i -E "/^bindgen\)/,/;;/ s/^(\techo )[0-9.]+$/\1$BINDGEN_VERSION/" "$MTV"
[ "$(sh "$MTV" bindgen)" = "$BINDGEN_VERSION" ] || die "could not lower bindgen's minimum in $MTV"
# (b) bindgen 0.60 knows Rust targets up to 1.47 (and 1.64 for 0.61); it
#     rejects 1.68, which rust/Makefile passes.
sed -i 's/--rust-target 1\.68 /--rust-target 1.47 /' "$SRC/rust/Makefile"
grep -q -- '--rust-target 1.47 ' "$SRC/rust/Makefile" || die "could not set --rust-target 1.47 in $SRC/rust/Makefile"
# (c) The wrapper Kbuild runs as BINDGEN.
WRAPPER=$WORK/bindgen-wrapper
cat >"$WRAPPER" <<EOF
#!/usr/bin/env bash
# BINDGEN for Linux $KSERIES with bindgen $BINDGEN_VERSION; written by rfl-ll.sh.
set -euo pipefail
# bindgen 0.60 panics on the libclang of LLVM 16 and later: use LLVM 14's.
export LIBCLANG_PATH=$LIBCLANG_DIR
args=() out= prev= cc=0
for a in "\$@"; do
    [ "\$prev" = -o ] && out=\$a
    prev=\$a
    if [ "\$cc" = 1 ]; then
        # clang$LLVM_SUFFIX flags of the kernel's c_flags that libclang 14 rejects
        # (none changes a type layout or a declaration).
        case "\$a" in
            -mindirect-branch-cs-prefix|-mfunction-return=*|-fstrict-flex-arrays=*|\\
            -ftrivial-auto-var-init=*|-Wno-format-overflow-non-kprintf|\\
            -Wno-format-truncation-non-kprintf|-Werror=unknown-warning-option) continue ;;
        esac
    fi
    [ "\$a" = -- ] && cc=1
    args+=("\$a")
done
# Warning options and attributes (__counted_by__) clang 14 does not know.
[ "\$cc" = 1 ] && args+=(-Wno-unknown-warning-option -Wno-unknown-attributes)
$BINDGEN_BIN "\${args[@]}"
# bindgen 0.60 does not turn __noreturn into '-> !'; kernel::BUG() needs it.
case "\$out" in
    *bindings_helpers_generated.rs)
        sed -i -E 's/pub fn rust_helper_BUG *\\( *\\) *;/pub fn rust_helper_BUG() -> !;/' "\$out" ;;
esac
EOF
chmod +x "$WRAPPER"

MAKE=(make -C "$SRC" ARCH="$ARCH" LLVM="$LLVM_SUFFIX" RUSTC="$RUSTC_BIN" HOSTRUSTC="$RUSTC_BIN" BINDGEN="$WRAPPER")
LOGDIR=$WORK/logs
mkdir -p "$LOGDIR"

log "make rustavailable"
if ! "${MAKE[@]}" rustavailable >"$LOGDIR/rustavailable.log" 2>&1; then
    sed 's/^/    /' "$LOGDIR/rustavailable.log" >&2
    die "'make rustavailable' failed (output above, in $LOGDIR/rustavailable.log)"
fi

# --------------------------------------------------------------- 4. configure
CONFSTAMP=$WORK/.configured-$TOPNAME
RECIPE="$ARCH defconfig dwarf5 -MODVERSIONS -RANDSTRUCT -DEBUG_INFO_BTF ${RUST_CONFIG[*]} $RUSTC_VERSION bindgen $BINDGEN_VERSION"
cfg_y() { grep -qx "CONFIG_$1=y" "$SRC/.config"; }
if [ -f "$CONFSTAMP" ] && [ "$(cat "$CONFSTAMP")" = "$RECIPE" ] && [ -f "$SRC/.config" ]; then
    log "reusing configuration $SRC/.config"
else
    log "configuring: $ARCH defconfig + DWARF 5 + ${RUST_CONFIG[*]}"
    rm -f "$CONFSTAMP"
    "${MAKE[@]}" -s defconfig
    args=(--disable DEBUG_INFO_NONE --enable DEBUG_INFO --enable DEBUG_INFO_DWARF5
          --disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT --disable DEBUG_INFO_DWARF4
          --disable DEBUG_INFO_REDUCED --disable DEBUG_INFO_SPLIT --disable DEBUG_INFO_BTF
          --disable MODVERSIONS --disable RANDSTRUCT_FULL --disable RANDSTRUCT_PERFORMANCE
          --enable RANDSTRUCT_NONE)
    for c in "${RUST_CONFIG[@]}"; do args+=(--enable "$c"); done
    "$SRC/scripts/config" --file "$SRC/.config" "${args[@]}"
    "${MAKE[@]}" -s olddefconfig
    cfg_y RUST || die "CONFIG_RUST is not =y after olddefconfig (see 'make rustavailable' in $LOGDIR/rustavailable.log)"
    cfg_y DEBUG_INFO_DWARF5 || die "CONFIG_DEBUG_INFO_DWARF5 is not =y after olddefconfig; see $SRC/.config"
    for c in MODVERSIONS RANDSTRUCT_FULL RANDSTRUCT_PERFORMANCE DEBUG_INFO_BTF; do
        ! cfg_y "$c" || die "CONFIG_$c is still =y after olddefconfig; Rust needs it off"
    done
    for c in "${RUST_CONFIG[@]}"; do
        cfg_y "$c" || log "warning: CONFIG_$c is not =y after olddefconfig (a dependency is off)"
    done
    printf '%s\n' "$RECIPE" >"$CONFSTAMP"
fi

# ----------------------------------------------------------------- 5. prepare
# 'prepare' builds the Rust crates of rust/ (core, bindings, kernel, ...)
# that every Rust unit links against; bindgen runs here.
log "make prepare (generated headers, bindgen, the crates of rust/)"
t0=$(date +%s)
if ! "${MAKE[@]}" -j"$JOBS" V=1 prepare >"$LOGDIR/prepare.log" 2>&1; then
    grep -E 'error|panicked|\*\*\*' "$LOGDIR/prepare.log" | cut -c1-300 | tail -n 20 | sed 's/^/    /' >&2
    die "'make prepare' failed (lines above; full output in $LOGDIR/prepare.log)"
fi
[ -f "$SRC/rust/.kernel.o.cmd" ] || die "'make prepare' did not build rust/kernel.o (see $LOGDIR/prepare.log)"
log "prepare done ($(( $(date +%s) - t0 ))s)"

# Command that wrote TARGET (path in the tree), from its .cmd file, with
# make's escaping undone.
cmd_of() {
    local target=$1 f line
    f=$SRC/$(dirname "$target")/.$(basename "$target").cmd
    [ -f "$f" ] || return 1
    line=$(grep -m1 -F "cmd_$target := " "$f") || return 1
    line=${line#*:= }
    line=${line//'$(pound)'/#}
    line=${line//'$$'/$}
    line=${line%"${line##*[! ]}"}        # trailing blanks
    printf '%s\n' "$line"
}

# make UNIT, output to LOG. On a busy machine Kbuild's compiler probes
# (cc-option) have been seen to fail, which drops flags and fails the
# rebuild they cause: a failed make is tried once more.
make_unit() {
    local unit=$1 log=$2
    rm -f "${log%.log}.1.log"
    "${MAKE[@]}" -j"$JOBS" V=1 "$unit" >"$log" 2>&1 && return 0
    mv -f "$log" "${log%.log}.1.log"
    log "'make $unit' failed; trying once more (first output in ${log%.log}.1.log)"
    "${MAKE[@]}" -j"$JOBS" V=1 "$unit" >"$log" 2>&1
}

flat_name() { local u=${1%.ll}; printf '%s\n' "${u//\//__}"; }

# Run CMD (a shell command line) from the top of the tree; it writes TMP
# (a name relative to the top), which is then moved to DEST.
run_to() {
    local cmd=$1 tmp=$2 dest=$3 log=$4
    rm -f "$SRC/$tmp"
    if (cd "$SRC" && bash -c "$cmd") >"$log" 2>&1 && [ -s "$SRC/$tmp" ]; then
        if [ "$SRC/$tmp" != "$dest" ]; then
            mkdir -p "$(dirname "$dest")"
            mv -f "$SRC/$tmp" "$dest"
        fi
    else
        rm -f "$SRC/$tmp"
        return 1
    fi
}

# ------------------------------------------------------------------- 6. build
OK=()
FAILED=()        # "unit<TAB>reason"
TWIN_FAILED=()
declare -A CMD BCMD OCMD
mkdir -p "$OUT/.O0"

config_of() {
    local u
    for u in "${DEFAULT_UNITS[@]}"; do [ "${u%%:*}" = "$1" ] && { echo "${u#*:}"; return; }; done
}

for unit in "${UNITS[@]}"; do
    case "$unit" in *.ll) ;; *) unit=$unit.ll ;; esac
    name=$(flat_name "$unit")
    base=${unit%.ll}
    conf=$(config_of "$unit")
    if [ -n "$conf" ] && ! cfg_y "$conf"; then
        log "SKIP $unit: CONFIG_$conf is not =y"
        FAILED+=("$unit"$'\t'"CONFIG_$conf is not =y"); continue
    fi
    t0=$(date +%s)
    if [ "$unit" = rust/kernel.ll ]; then
        # The kernel crate: replay rust/kernel.o's command, emitting IR only
        # (no object, metadata or dep-info, so Kbuild's files stay as they are).
        kcmd=$(cmd_of rust/kernel.o) || { FAILED+=("$unit"$'\t'"no command in rust/.kernel.o.cmd"); continue; }
        # Kbuild exports RUSTC_BOOTSTRAP=1 (the kernel uses unstable options);
        # a replay outside make needs it too.
        cmd=RUSTC_BOOTSTRAP=1\ $(printf '%s\n' "$kcmd" | sed -E -e 's/ --emit=(dep-info|obj|metadata)=[^ ]+//g' \
              -e 's# rust/kernel/lib\.rs # --emit=llvm-ir=rust/kernel.ll rust/kernel/lib.rs #')
        if [[ "$cmd" != *" --emit=llvm-ir=rust/kernel.ll "* ]]; then
            FAILED+=("$unit"$'\t'"unexpected command in rust/.kernel.o.cmd"); continue
        fi
        log "rustc rust/kernel/lib.rs --emit=llvm-ir (the kernel crate)"
        if ! run_to "$cmd" rust/kernel.ll "$SRC/rust/kernel.ll" "$LOGDIR/$name.log"; then
            log "FAILED $unit; last lines of $LOGDIR/$name.log:"
            tail -n 15 "$LOGDIR/$name.log" | sed 's/^/    /'
            FAILED+=("$unit"$'\t'"rustc failed: $(grep -m1 'error' "$LOGDIR/$name.log" | cut -c1-200 || echo 'see log')")
            continue
        fi
    else
        if [ ! -f "$SRC/$base.rs" ] && [ ! -f "$SRC/$base.c" ]; then
            log "SKIP $unit: no $base.rs or $base.c in $KVER"
            FAILED+=("$unit"$'\t'"no source file"); continue
        fi
        log "make $unit"
        if ! make_unit "$unit" "$LOGDIR/$name.log"; then
            log "FAILED $unit: 'make $unit' exited non-zero; last lines of $LOGDIR/$name.log:"
            tail -n 15 "$LOGDIR/$name.log" | sed 's/^/    /'
            FAILED+=("$unit"$'\t'"make failed: $(grep -m1 -E 'error|Error ' "$LOGDIR/$name.log" | cut -c1-200 || echo 'see log')")
            continue
        fi
        [ -s "$SRC/$unit" ] || { FAILED+=("$unit"$'\t'"make produced no file"); continue; }
        cmd=$(cmd_of "$unit") || cmd="(compile command not found in .cmd file)"
    fi
    cp -f "$SRC/$unit" "$OUT/$name.ll"
    CMD[$unit]=$cmd
    OK+=("$unit")
    log "ok $unit -> $name.ll ($(stat -c %s "$OUT/$name.ll") bytes, $(( $(date +%s) - t0 ))s)"

    [ "$TWINS" = 1 ] || continue
    # ------------------------------------------------------------ 7. twins
    case "$cmd" in
        *"--emit=llvm-ir=$unit "*)                     # rustc
            # Drop dep-info (it would rewrite Kbuild's .d file), retarget the IR.
            common=$(printf '%s\n' "$cmd" | sed -E -e 's/ --emit=dep-info=[^ ]+//')
            case "$common" in RUSTC_BOOTSTRAP=1\ *) ;; *) common="RUSTC_BOOTSTRAP=1 $common" ;; esac
            bcmd=${common/ --emit=llvm-ir=$unit / --emit=llvm-ir=$name.before.ll }" -Cno-prepopulate-passes"
            ocmd=${common/ --emit=llvm-ir=$unit / --emit=llvm-ir=$name.O0.ll }
            if [[ "$ocmd" != *" -Copt-level=2 "* ]]; then
                TWIN_FAILED+=("$unit"$'\t'"no -Copt-level=2 in the command"); ocmd=
            else
                ocmd=${ocmd/ -Copt-level=2 / -Copt-level=0 }
            fi ;;
        clang-19\ *)                                   # clang (the helpers)
            bcmd=$(printf '%s\n' "$cmd" | sed -E \
                -e 's/ -Wp,-MMD,[^ ]+//' \
                -e 's/^clang-19 /clang-19 -Xclang -disable-llvm-passes /' \
                -e "s# -o $unit # -o $name.before.ll #")
            [[ "$bcmd" == *" -o $name.before.ll "* ]] || bcmd=
            ocmd= ;;
        *) bcmd= ocmd= ;;
    esac
    if [ -z "$bcmd" ]; then
        log "FAILED $unit (twins): unusable command"
        TWIN_FAILED+=("$unit"$'\t'"no usable command for the twins"); continue
    fi
    t0=$(date +%s)
    if run_to "$bcmd" "$name.before.ll" "$OUT/$name.before.ll" "$LOGDIR/$name.before.log"; then
        BCMD[$unit]=$bcmd
        log "ok $unit -> $name.before.ll ($(stat -c %s "$OUT/$name.before.ll") bytes, $(( $(date +%s) - t0 ))s)"
    else
        log "FAILED $unit (before); last lines of $LOGDIR/$name.before.log:"
        tail -n 15 "$LOGDIR/$name.before.log" | sed 's/^/    /'
        TWIN_FAILED+=("$unit"$'\t'"before twin failed: $(grep -m1 'error' "$LOGDIR/$name.before.log" | cut -c1-200 || echo 'see log')")
    fi
    if [ -n "$ocmd" ]; then
        t0=$(date +%s)
        if run_to "$ocmd" "$name.O0.ll" "$OUT/.O0/$name.ll" "$LOGDIR/$name.O0.log"; then
            OCMD[$unit]=$ocmd
            log "ok $unit -> .O0/$name.ll ($(stat -c %s "$OUT/.O0/$name.ll") bytes, $(( $(date +%s) - t0 ))s)"
        else
            log "FAILED $unit (O0); last lines of $LOGDIR/$name.O0.log:"
            tail -n 15 "$LOGDIR/$name.O0.log" | sed 's/^/    /'
            TWIN_FAILED+=("$unit"$'\t'"O0 twin failed: $(grep -m1 'error' "$LOGDIR/$name.O0.log" | cut -c1-200 || echo 'see log')")
        fi
    elif [ -s "$OUT/$name.before.ll" ] && [[ "$cmd" == clang-19\ * ]]; then
        # A C unit has no opt-level-0 twin: its before twin stands in, so
        # that 'diff DIR/.O0 DIR' pairs every unit.
        cp -f "$OUT/$name.before.ll" "$OUT/.O0/$name.before.ll"
    fi
done

# --------------------------------------------------------------- 8. manifest
END=$(date +%s)
MAN=$OUT/MANIFEST.txt
{
    echo "# Rust-for-Linux LLVM IR produced by scripts/rfl-ll.sh"
    echo "# kernel: $KVER ($(basename "$TARBALL"), Debian package $(dpkg-query -W -f='${Package} ${Version}' "$TOPNAME" 2>/dev/null || echo '?'))"
    echo "# rustc: $RUSTC_VERSION ($RUSTC_BIN, $(dpkg-query -W -f='${Package} ${Version}' rustc-web 2>/dev/null || echo '?')), LLVM $("$RUSTC_BIN" -vV | sed -n 's/^LLVM version: //p')"
    echo "# clang: $(clang-19 --version | head -n1)"
    echo "# bindgen: $BINDGEN_VERSION ($BINDGEN_BIN) on $(ls "$LIBCLANG_DIR"/libclang-*.so* 2>/dev/null | head -n1 || echo "$LIBCLANG_DIR")"
    echo "# kernel tree patched: scripts/min-tool-version.sh (bindgen $BINDGEN_VERSION), rust/Makefile (--rust-target 1.47)"
    echo "# config: $ARCH defconfig + DEBUG_INFO_DWARF5 + ${RUST_CONFIG[*]}; -MODVERSIONS -RANDSTRUCT -DEBUG_INFO_BTF"
    echo "# make: make ARCH=$ARCH LLVM=$LLVM_SUFFIX RUSTC=$RUSTC_BIN HOSTRUSTC=$RUSTC_BIN BINDGEN=bindgen-wrapper (below)"
    echo "# twins: X.before.ll = rustc ... -Cno-prepopulate-passes (C: clang -Xclang -disable-llvm-passes);"
    echo "#        .O0/X.ll = rustc ... -Copt-level=0 (C: a copy of X.before.ll as .O0/X.before.ll)"
    echo "# commands run from the top of the kernel source tree; their outputs were then moved into DIR"
    echo "# elapsed: $(( END - START ))s"
    echo "#"
    echo "# bindgen-wrapper:"
    sed 's/^/#   /' "$WRAPPER"
    echo "#"
    echo "# file<TAB>bytes<TAB>command"
    for unit in "${OK[@]}"; do
        name=$(flat_name "$unit")
        printf '%s\t%s\t%s\n' "$name.ll" "$(stat -c %s "$OUT/$name.ll")" "${CMD[$unit]}"
        if [ -n "${BCMD[$unit]:-}" ] && [ -s "$OUT/$name.before.ll" ]; then
            printf '%s\t%s\t%s\n' "$name.before.ll" "$(stat -c %s "$OUT/$name.before.ll")" "${BCMD[$unit]}"
        fi
        if [ -n "${OCMD[$unit]:-}" ] && [ -s "$OUT/.O0/$name.ll" ]; then
            printf '%s\t%s\t%s\n' ".O0/$name.ll" "$(stat -c %s "$OUT/.O0/$name.ll")" "${OCMD[$unit]}"
        elif [ -s "$OUT/.O0/$name.before.ll" ]; then
            printf '%s\t%s\t%s\n' ".O0/$name.before.ll" "$(stat -c %s "$OUT/.O0/$name.before.ll")" "(copy of $name.before.ll)"
        fi
    done
    for f in "${FAILED[@]}"; do printf '# FAILED\t%s\n' "$f"; done
    for f in "${TWIN_FAILED[@]}"; do printf '# FAILED-TWIN\t%s\n' "$f"; done
} >"$MAN"

summary="${#OK[@]} unit(s) produced, ${#FAILED[@]} failed or skipped"
[ "$TWINS" = 0 ] || summary+=", ${#TWIN_FAILED[@]} twin failure(s)"
log "done in $(( END - START ))s: $summary"
for f in "${FAILED[@]}"; do log "  failed: ${f//$'\t'/: }"; done
for f in "${TWIN_FAILED[@]}"; do log "  failed (twin): ${f//$'\t'/: }"; done
log "output: $OUT (manifest: $MAN)"
[ ${#OK[@]} -gt 0 ] || die "no unit was produced"
