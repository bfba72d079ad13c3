# Sourced by the shell suites here: `check NAME EXPECTED ACTUAL` counts a pass
# when ACTUAL equals EXPECTED and prints the difference otherwise;
# `finish SUITE` prints "SUITE: N passed, N failed" and fails on any failure.
passed=0 failed=0

check() {
  if [[ "$3" == "$2" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3" >&2
  fi
}

finish() {
  echo "$1: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
