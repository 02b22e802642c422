#!/usr/bin/env bash
# Run the core benchmark in the simulator and add its figures to the bench
# file: every "bench NAME VALUE" line of the firmware, and the simulator's
# speed from its exit line on stderr as sim.cycles_per_second.
# Usage: run-bench.sh SIM ELF BENCH_JSON [PYTHON]
set -euo pipefail
sim=$1 elf=$2 json=$3 python=${4:-python3}
out=${elf%.elf}.out
err=${elf%.elf}.err

rc=0
"$sim" --max-cycles 50000000 "$elf" >"$out" 2>"$err" || rc=$?
if [[ $rc -ne 0 ]]; then
  echo "bench-core: $elf exited with $rc" >&2
  cat "$out" "$err" >&2
  exit 1
fi

figures=()
while read -r tag name value; do
  [[ $tag == bench && -n ${value:-} ]] && figures+=("$name" "$value")
done <"$out"
if [[ ${#figures[@]} -eq 0 ]]; then
  echo "bench-core: no 'bench' lines in $out" >&2
  exit 1
fi

# obti_sim: exit 0 after N cycles, M instructions retired, X cycles/s
cps=$(sed -n 's/^obti_sim: exit .* \([0-9.eE+-]*\) cycles\/s.*$/\1/p' "$err" | tail -n1)
if [[ -z $cps ]]; then
  echo "bench-core: no exit line with cycles/s in $err" >&2
  exit 1
fi
figures+=(sim.cycles_per_second "$cps")

"$python" scripts/bench.py set "$json" "${figures[@]}"
grep '^bench ' "$out" | sed 's/^bench /  /'
echo "  sim.cycles_per_second $cps"
