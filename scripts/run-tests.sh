#!/usr/bin/env bash
# Run the test groups `make test-<g>`, JOBS at a time (default 2, the cores of
# the reference machine), longest first. Each group's output goes to
# RESULTS/<g>.out and is printed, whole, when the group ends, with its wall
# time; a group whose make exits non-zero gets a FAIL line in RESULTS/<g>.log.
# The groups' verdicts are counted afterwards by scripts/test-summary.sh.
#
#   scripts/run-tests.sh RESULTS JOBS "FIRST..." g1 g2 ...
#
# FIRST lists the long groups to start first (the rest keep their order).
# Shared build products (simulator, firmware, host programs) must be built
# before this runs (make test does it with `make -j2 test-build`), so that
# two groups never build the same file at once.
set -u
results=$1 jobs=$2 first=$3; shift 3
mkdir -p "$results"

order=()
for g in $first; do
  for h in "$@"; do [ "$h" = "$g" ] && order+=("$g"); done
done
for h in "$@"; do
  case " $first " in *" $h "*) ;; *) order+=("$h") ;; esac
done

run_group() {
  local g=$1 t0=$SECONDS rc
  make --no-print-directory "test-$g" > "$results/$g.out" 2>&1; rc=$?
  [ $rc -eq 0 ] || echo "FAIL $g: make test-$g exited $rc (see $results/$g.out)" >> "$results/$g.log"
  { echo "=== $g ($((SECONDS - t0)) s)"; cat "$results/$g.out"; } | flock "$results/.print" cat
}

running=0
for g in "${order[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
  run_group "$g" &
  running=$((running + 1))
done
wait
