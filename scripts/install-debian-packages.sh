#!/usr/bin/env bash
# Debian 12 packages that reme builds and runs against (BLAS, JPEG, PNG, FreeType and the
# overlay legend's fonts, WordNet), plus the sample data used by tests and what tests the page
# of `reme serve`: headless Chromium and Firefox ESR, driven by scripts/browser_check.py
# (python3, standard library only). firefox-esr adds about 80 MB to download (~12 s here).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    pkg-config libopenblas-dev libjpeg62-turbo-dev libpng-dev zlib1g-dev \
    libfreetype-dev fonts-dejavu-core fonts-wqy-microhei \
    wordnet-base labelme-examples chromium firefox-esr python3 >/dev/null
