#!/usr/bin/env bash
# The reader against LLVM's own test files: valid ones must round-trip, invalid ones must be refused.
#
#   scripts/llvm-tests.sh [--llvm N] [--every K] [-j JOBS] DIR
#
# Downloads the source of Debian's llvm-toolchain-N (the version apt has installed; default N=19) into DIR once,
# and unpacks the test directories Assembler, Bitcode, Verifier, DebugInfo, Transforms/{SimplifyCFG,GVN,
# InstCombine,LICM} and CodeGen/X86. Then:
# - valid: every K-th file (default 1: all) that llvm-as-N accepts is read and printed back by lkmm-hazard and
#   compared through llvm-as-N | llvm-dis-N (scripts/roundtrip.sh);
# - invalid: every file whose RUN lines say 'not llvm-as' and that llvm-as-N refuses, split by why llvm-as refuses
#   it: the reader ("error: ..." at a position), or the verifier it runs after reading ("does not verify"), which
#   this tool does not run (docs/parser.md, "Still accepted, knowingly").
# Prints the files that fail, then the counts. Nothing of LLVM is kept in the repository.
set -euo pipefail

llvm=19 every=1 jobs=2
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --llvm) llvm=$2; shift 2;;
    --every) every=$2; shift 2;;
    -j) jobs=$2; shift 2;;
    -h|--help) usage; exit 0;;
    -*) echo "llvm-tests: unknown option $1" >&2; exit 2;;
    *) break;;
  esac
done
[ $# -eq 1 ] || { usage >&2; exit 2; }
dir=$1
repo=$(cd "$(dirname "$0")/.." && pwd)
for t in llvm-as-$llvm llvm-dis-$llvm; do
  command -v "$t" >/dev/null || { echo "llvm-tests: $t is missing (apt-get install llvm-$llvm)" >&2; exit 2; }
done
mkdir -p "$dir"
# the upstream version of the installed package, e.g. 1:19.1.7-3~deb12u1 -> 19.1.7
version=$(dpkg-query -W -f='${Version}' "llvm-$llvm" | sed 's/^[0-9]*://; s/-.*//')
tarball=$dir/llvm-toolchain-${llvm}_$version.orig.tar.xz
if [ ! -f "$tarball" ]; then
  url=http://deb.debian.org/debian/pool/main/l/llvm-toolchain-$llvm/llvm-toolchain-${llvm}_$version.orig.tar.xz
  echo "llvm-tests: downloading $url" >&2
  curl -sSfL -o "$tarball.part" "$url" && mv "$tarball.part" "$tarball"
fi
tests=$dir/llvm-toolchain-${llvm}_$version/llvm/test
subdirs=(Assembler Bitcode Verifier DebugInfo Transforms/SimplifyCFG Transforms/GVN Transforms/InstCombine Transforms/LICM CodeGen/X86)
if [ ! -d "$tests/CodeGen/X86" ]; then
  patterns=()
  for s in "${subdirs[@]}"; do patterns+=("*/llvm/test/$s/*"); done
  tar -xJf "$tarball" -C "$dir" --wildcards "${patterns[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in "${subdirs[@]}"; do find "$tests/$s" -name '*.ll' -type f; done | LC_ALL=C sort > "$work/all"

# sort each file into valid (llvm-as accepts it), invalid by the reader, invalid by the verifier, or neither
classify() {
  f=$1 llvm=$2
  if llvm-as-"$llvm" "$f" -o /dev/null 2> /dev/null; then echo "valid $f"; return; fi
  grep -qE 'RUN:.*not( --crash)? +llvm-as' "$f" || { echo "other $f"; return; }
  if llvm-as-"$llvm" "$f" -o /dev/null 2>&1 | grep -q 'does not verify'; then echo "verifier $f"; else echo "reader $f"; fi
}
export -f classify
xargs -a "$work/all" -P "$jobs" -I{} bash -c 'classify "$@"' _ {} "$llvm" | LC_ALL=C sort -k2 > "$work/classes"

grep '^valid ' "$work/classes" | cut -d' ' -f2- | awk -v k="$every" '(NR - 1) % k == 0' > "$work/valid"
for c in reader verifier; do grep "^$c " "$work/classes" | cut -d' ' -f2- > "$work/$c" || true; done

echo "== valid files: round trip (every $every-th of $(grep -c '^valid ' "$work/classes"))"
# one run of roundtrip.sh over a directory of links, named by their path below the test directory
mkdir "$work/links"
while IFS= read -r f; do
  rel=${f#"$tests/"}
  ln -s "$f" "$work/links/${rel//\//__}"
done < "$work/valid"
rt=0
"$repo/scripts/roundtrip.sh" --llvm "$llvm" -j "$jobs" "$work/links" | sed "s#$work/links/##" || rt=$?

# one JVM reads all the invalid files; a file is refused when an error line names it
refused() {
  local list=$1
  [ -s "$list" ] || { : > "$list.refused"; return; }
  xargs -a "$list" "$repo/scripts/lkmm-hazard" parse -q -j "$jobs" 2>&1 >/dev/null | sed -n 's/^\([^:]*\.ll\):[0-9]*:[0-9]*: error: .*/\1/p' \
    | sort -u > "$list.refused" || true
}
for c in reader verifier; do
  refused "$work/$c"
  accepted=$(LC_ALL=C comm -23 <(LC_ALL=C sort "$work/$c") <(LC_ALL=C sort "$work/$c.refused") | wc -l)
  total=$(wc -l < "$work/$c")
  echo "== invalid for llvm-as-$llvm's $c: $((total - accepted)) of $total refused"
  LC_ALL=C comm -23 <(LC_ALL=C sort "$work/$c") <(LC_ALL=C sort "$work/$c.refused") | sed 's/^/ACCEPTED /'
done
exit "$rt"
