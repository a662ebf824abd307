#!/usr/bin/env bash
# The test suite: install, build, and run every test through CTest (Boost.Test programs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/install-deps.sh" --tests
bash "$here/scripts/build.sh"
cd "$here/build"
ctest --output-on-failure -j2 "$@"
