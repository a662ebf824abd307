#!/usr/bin/env bash
# The main job: install, build, and run the default study (studies/quickstart.json).
# Ends by printing where the results and plots are.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$here/scripts/build.sh"
cd "$here"
./build/mfv "$@"
