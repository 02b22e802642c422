#!/usr/bin/env bash
# Run one ISA test in the simulator and print one line: `PASS <name>` or
# `FAIL <name>: <reason>`. The reason decodes the diagnostic block that the
# framework leaves between begin_signature and end_signature (macros.h).
#
#   run.sh SIM ELF NAME MAX_CYCLES                  a framework test
#   run.sh --expect FILE SIM ELF NAME MAX_CYCLES    compare the signature to FILE
#
# Files go next to the ELF: NAME.sig (signature), NAME.log (simulator output).
set -u

expect=
if [ "${1:-}" = "--expect" ]; then
  expect=$2
  shift 2
fi
sim=$1 elf=$2 name=$3 max=$4
dir=$(dirname "$elf")
sig=$dir/$name.sig
log=$dir/$name.log
rm -f "$sig"

"$sim" --max-cycles "$max" --signature "$sig" "$elf" >"$log" 2>&1
rc=$?

if grep -q 'cycle limit' "$log"; then
  echo "FAIL $name: cycle limit ($max cycles) reached, the test hung (see $log)"
  exit 0
fi

# Signature words, one per line; word i is ${w[i]}.
w=()
[ -f "$sig" ] && mapfile -t w <"$sig"

if [ -n "$expect" ]; then
  if [ "$rc" -ne 0 ]; then
    echo "FAIL $name: exit code $rc (see $log)"
  elif [ ! -f "$sig" ]; then
    echo "FAIL $name: no signature file written"
  elif ! diff -q "$expect" "$sig" >/dev/null; then
    first=$(diff <(nl -ba -v0 "$expect") <(nl -ba -v0 "$sig") | grep '^>' | head -1 | awk '{print $2}')
    echo "FAIL $name: signature differs from $expect, first at word ${first:-?} (see $sig)"
  else
    echo "PASS $name"
  fi
  exit 0
fi

hex() { printf '0x%s' "${w[$1]:-????????}"; }
if [ "$rc" -eq 0 ]; then
  if [ "${w[7]:-}" = "600d600d" ]; then
    echo "PASS $name"
  else
    echo "FAIL $name: exit code 0 but the pass marker is missing from the signature (see $log)"
  fi
elif [ "$rc" -ge 1 ] && [ "$rc" -le 121 ] && [ "${#w[@]}" -ge 8 ]; then
  case_no=$((16#${w[0]}))
  if [ "$rc" -eq 121 ]; then where="outside any case"; else where="case $case_no"; fi
  case "${w[1]}" in
    00000001) why="got $(hex 2), expected $(hex 3)" ;;
    00000002) why="unexpected trap: mcause $(hex 4), mepc $(hex 5), mtval $(hex 6)" ;;
    00000003) why="reached a path it must not take" ;;
    *)        why="no diagnostic recorded" ;;
  esac
  echo "FAIL $name: $where (exit $rc): $why"
else
  echo "FAIL $name: exit code $rc: $(tail -n 1 "$log")"
fi
exit 0
