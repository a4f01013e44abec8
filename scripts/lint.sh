#!/usr/bin/env bash
# Style check (CONTRIBUTING.md, "Code style"); scripts/test.sh runs it first.
# - swift-format's rules as configured in .swift-format, every finding an error;
# - lineLength from .swift-format as a hard limit on every line.
# swift-format's own whitespace comparison is switched off (--debug-disable-pretty-print): the
# code is not laid out the way swift-format's pretty-printer would lay it out, and re-laying out
# every file is not worth the merge conflicts. The rules still run in full.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Sources Tests Benchmarks Examples)
if ! swift format --version >/dev/null 2>&1; then
    echo "scripts/lint.sh: 'swift format' is missing (swift-format ships with Swift 6 toolchains)" >&2
    exit 1
fi
swift format lint --strict --debug-disable-pretty-print --parallel --recursive "${paths[@]}"
limit=$(sed -n 's/^ *"lineLength" *: *\([0-9][0-9]*\).*/\1/p' .swift-format)
if long=$(LC_ALL=C.UTF-8 grep -rnE --include='*.swift' --exclude-dir='.*' "^.{$((limit + 1)),}" "${paths[@]}"); then
    echo "lines longer than $limit characters (lineLength in .swift-format):" >&2
    echo "$long" | cut -c1-200 >&2
    exit 1
fi
