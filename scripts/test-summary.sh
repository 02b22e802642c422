#!/usr/bin/env bash
# Count the PASS/FAIL lines every test group wrote and print the one summary
# line `N passed, N failed`; exit non-zero when anything failed or nothing ran.
dir=${1:-build/test-results}
pass=$(cat "$dir"/*.log 2>/dev/null | grep -c '^PASS ')
fail=$(cat "$dir"/*.log 2>/dev/null | grep -c '^FAIL ')
if [ "$fail" -gt 0 ]; then
  echo "Failures:"
  cat "$dir"/*.log | grep '^FAIL ' | sed 's/^/  /'
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
