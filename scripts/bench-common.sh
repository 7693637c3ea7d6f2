# Helpers that scripts/bench.sh and scripts/bench-diff.sh source: one command timed under /usr/bin/time -v, and
# the table of the medians over the rounds. Both write to and read "$work/results", one line a run:
# NAME WALL_S MAXRSS_KB CPU_S.

# measure NAME COMMAND...: runs COMMAND once; a command that fails stops the benchmark, since the figure of a run
# that did not do the work is no figure.
measure() {
  local name=$1; shift
  local rc=0
  /usr/bin/time -v -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || rc=$?
  [ "$rc" -eq 0 ] || { echo "$(basename "$0"): $name exited $rc:" >&2; head -3 "$work/stderr" >&2; exit 1; }
  awk -v n="$name" -F': ' '
    /Elapsed \(wall clock\)/ { k = split($2, p, ":"); w = 0; for (i = 1; i <= k; i++) w = w * 60 + p[i] }
    /Maximum resident set size/ { rss = $2 }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    END { printf "%s %.2f %d %.1f\n", n, w, rss, cpu }' "$work/time" >> "$work/results"
}

# median_wall NAME: the median wall time of NAME's runs.
median_wall() {
  awk -v n="$1" '$1 == n { w[++k] = $2 }
    END { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (w[j] + 0 < w[i] + 0) { t = w[i]; w[i] = w[j]; w[j] = t }
          print k % 2 ? w[(k + 1) / 2] : (w[k / 2] + w[k / 2 + 1]) / 2 }' "$work/results"
}

# table MB NAME LABEL [NAME LABEL...]: one row per tool, in this order: each run's wall time, the medians of wall
# time, throughput over MB megabytes, peak RSS and CPU time.
table() {
  local mb=$1; shift
  printf "%-52s %-26s %9s %9s %10s %8s\n" "tool" "wall s (each run)" "median s" "MB/s" "peak RSS" "CPU s"
  while [ $# -ge 2 ]; do
    awk -v n="$1" -v label="$2" -v mb="$mb" '
      function median(a, k,   i, j, t) {
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
      }
      $1 == n { k++; w[k] = $2; rss[k] = $3; cpu[k] = $4; runs = runs " " $2 }
      END { m = median(w, k); printf "%-52s %-26s %9.2f %9.1f %7.0f MB %8.1f\n", label, runs, m, mb / m, median(rss, k) / 1024, median(cpu, k) }' "$work/results"
    shift 2
  done
}
