#!/usr/bin/env bash
# Run one firmware test in the simulator and append its verdict to the log.
# Usage: run-test.sh SIM ELF TESTDIR NAME LOG MAX_CYCLES
# The test passes when the simulator's exit code equals TESTDIR/exit-code
# (default 0) and every line of TESTDIR/expect (if any) occurs as a
# substring of a line of the simulator's stdout. TESTDIR/sim-args holds
# extra simulator arguments, one per line.
set -uo pipefail
sim=$1 elf=$2 dir=$3 name=$4 log=$5 max_cycles=$6
out=${elf%.elf}.out
err=${elf%.elf}.err

args=()
[[ -f $dir/sim-args ]] && mapfile -t args <"$dir/sim-args"
want=0
[[ -f $dir/exit-code ]] && want=$(tr -d ' \n' <"$dir/exit-code")

"$sim" --max-cycles "$max_cycles" "${args[@]}" "$elf" >"$out" 2>"$err"
rc=$?

why=
if [[ $rc -ne $want ]]; then
  why="exit code $rc, expected $want"
  [[ $rc -eq 124 ]] && why="$why (cycle limit $max_cycles)"
elif [[ -f $dir/expect ]]; then
  while IFS= read -r line; do
    [[ -z $line ]] && continue
    if ! grep -Fq -- "$line" "$out"; then
      why="stdout lacks \"$line\""
      break
    fi
  done <"$dir/expect"
fi

if [[ -z $why ]]; then
  echo "PASS fw/$name" >>"$log"
  echo "PASS fw/$name"
else
  echo "FAIL fw/$name: $why (output: $out)" >>"$log"
  echo "FAIL fw/$name: $why"
  sed 's/^/    /' "$out" | tail -n 20
  sed 's/^/    /' "$err" | tail -n 5
fi
