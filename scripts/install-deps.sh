#!/usr/bin/env bash
# The one list of Debian packages mfv needs, installed when missing.
# Both README commands (scripts/main-job.sh, scripts/test.sh) call this script;
# `--tests` adds what only the test suite needs (a headless browser for the report check);
# `--clang` what the tsan and fuzz presets need (clang with its OpenMP runtime and Archer).
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libboost-dev libboost-program-options-dev libboost-test-dev
  libboost-iostreams-dev libboost-filesystem-dev libboost-system-dev
  libfftw3-dev libeigen3-dev nlohmann-json3-dev libvalijson-dev
  libgnuplot-iostream-dev gnuplot-nox
  librandom123-dev libbenchmark-dev git
  libboost-mpi-dev openmpi-bin
)
for option in "$@"; do
  case "$option" in
    --tests) packages+=(chromium) ;;
    --clang) packages+=(clang libomp-dev) ;;
    *) echo "install-deps.sh: unknown option $option (use --tests, --clang)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "mfv: installing missing Debian packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
