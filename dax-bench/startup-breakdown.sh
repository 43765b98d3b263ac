#!/usr/bin/env bash
# Where a `daxsim run` process spends its time (issue 8, benchmark 8; docs/benchmarks.md).
#   dax-bench/startup-breakdown.sh [RUNS] [JVM FLAGS...]      from the repository root
# Runs `java [FLAGS] -jar dax-sim/target/daxsim.jar run --keep-going basic.txt` RUNS times
# (default 5) with -Xlog:startuptime and -Xlog:class+load to a file, and splits each run at
# the first load of marker classes: JVM created ("Create VM"), org.daxsim.sim.Main (the
# launcher has opened the jar), Configuration (the command line is parsed), Step (the world,
# the #!oracle header and the first command are done), java.lang.Shutdown (the script is
# done, System.exit) and the process's end. Prints the mean of each phase in ms.
# With the build's archive:  dax-bench/startup-breakdown.sh 5 \
#   -XX:SharedArchiveFile=dax-sim/target/daxsim.jsa -Xlog:cds*=off
set -euo pipefail
runs="${1:-5}"
shift || true
jar="${DAXSIM_JAR:-dax-sim/target/daxsim.jar}"
scenario="${SCENARIO:-../shared/oracle/scenarios/basic.txt}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for _ in $(seq "$runs"); do
  t0=$(date +%s%N)
  java "$@" -Xlog:startuptime,class+load:file="$log" -jar "$jar" run --keep-going "$scenario" \
    >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  awk -v total=$(( (t1 - t0) / 1000 )) '
    function at(s) { return substr(s, 2, index(s, "s]") - 2) * 1e6 }
    /\[startuptime\] Create VM/ && !vm { vm = at($1) }
    / org\.daxsim\.sim\.Main source/ && !m { m = at($1) }
    / org\.daxsim\.sim\.Configuration source/ && !c { c = at($1) }
    / org\.daxsim\.sim\.Step source/ && !s { s = at($1) }
    / java\.lang\.Shutdown source/ && !x { x = at($1) }
    END { printf "%d %d %d %d %d %d\n", vm, m - vm, c - m, s - c, x - s, total - x }' "$log"
done | awk '{ for (i = 1; i <= 6; i++) t[i] += $i; n++ }
  END { split("JVM created|launcher to Main|command line parsed|world + header + 1st command|rest of the script|exit + process end (unlogged start incl.)", p, "|")
        for (i = 1; i <= 6; i++) { printf "%-45s %7.1f ms\n", p[i], t[i] / n / 1000; s += t[i] }
        printf "%-45s %7.1f ms\n", "total (wall, mean of " n ")", s / n / 1000 }'
