#!/usr/bin/env bash
# Fuzzes the reader and the whole scan pipeline (ScanFuzzTest) with Jazzer for longer than CI's 60 seconds.
#
#   scripts/fuzz.sh [MINUTES] [SEED]
#
# MINUTES defaults to 30, SEED to a random one (printed, so a run can be repeated). The seeds are the regressions
# under src/test/resources/dev/lkmmhazard/cli/ScanFuzzTestInputs/scan and corpus files; what the fuzzer learns is
# kept in target/fuzz-corpus for the next run. A finding (an exception, a failed check, a hang of more than 10 s)
# stops the run with a non-zero exit status (Jazzer's 77 or 70); its input is in target/fuzz-findings/. Make it a
# regression by copying it into ScanFuzzTestInputs/scan, minimized by hand, and fix the cause. FUZZ_KEEP_GOING=N goes on until N distinct findings.
set -euo pipefail

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) usage; exit 0;; esac
minutes=${1:-30}
seed=${2:-$(( (RANDOM << 15 | RANDOM) + 1 ))}
[[ $minutes =~ ^[0-9]+$ && $seed =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

# the test classes, with the seeds the pom copies beside them, and the test class path
mvn -q -B -Dfuzz.skip=true -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test
mkdir -p target/fuzz-corpus target/fuzz-findings
# a copy of the classes, so that building while the fuzzer runs does not pull classes from under it
rm -rf target/fuzz-run && mkdir -p target/fuzz-run
cp -r target/classes target/test-classes target/fuzz-run/
seeds=target/fuzz-run/test-classes/dev/lkmmhazard/cli/ScanFuzzTestInputs/scan
echo "fuzz: $minutes minutes, seed $seed; findings go to target/fuzz-findings/" >&2
# Standalone Jazzer runs the @FuzzTest with libFuzzer's own options: -seed and -max_total_time, which JUnit mode
# does not take. -timeout is a backstop behind the test's own 10 s limit per input; the JVM's heap bounds memory.
exec java -Xss64m -cp "target/fuzz-run/test-classes:target/fuzz-run/classes:$(cat target/fuzz-classpath.txt)" \
    com.code_intelligence.jazzer.Jazzer \
    --target_class=dev.lkmmhazard.cli.ScanFuzzTest --target_method=scan \
    --instrumentation_includes='dev.lkmmhazard.**' --reproducer_path=target/fuzz-findings --keep_going="${FUZZ_KEEP_GOING:-1}" \
    -seed="$seed" -max_total_time=$((minutes * 60)) -timeout=60 -rss_limit_mb=0 \
    -artifact_prefix=target/fuzz-findings/ -print_final_stats=1 \
    target/fuzz-corpus "$seeds"
