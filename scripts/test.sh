#!/usr/bin/env bash
# Runs the whole test suite (debug build): the style check, the unit and command-line tests,
# then the library example. Slow full-size checks stay off unless REME_SLOW_TESTS=1 is set.
set -euo pipefail
cd "$(dirname "$0")/.."
# Style first: it takes seconds, the build takes minutes.
scripts/lint.sh
swift build --build-tests
# Serial: several suites start local servers or spawn the CLI; in parallel on a 2-core
# machine their timeouts become flaky.
swift test --skip-build --no-parallel
# Examples/segment-library: ReME as an application uses it (its own package and build folder).
scripts/test-example.sh
