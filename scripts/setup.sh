#!/usr/bin/env bash
# One-command setup on a fresh Debian 12 machine with Swift 6 installed:
# system libraries, then a release build of `reme` in .build/release/reme.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-debian-packages.sh
swift build -c release --product reme
echo "built: $(pwd)/.build/release/reme"
