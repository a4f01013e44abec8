#!/usr/bin/env bash
# Runs the whole test suite (debug build). Slow full-size checks stay off unless
# REME_SLOW_TESTS=1 is set.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build
