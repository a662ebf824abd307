#!/usr/bin/env bash
# Rewrite CI baselines (reference/baselines/ci/) after a reviewed, intended change:
#   scripts/update-baselines.sh --why "the reason" [tests/baselines/NAME.json ...]
# (no study named: every one under tests/baselines/). Each study is run, compared with its
# old baseline (the table of what moved is printed), and the baseline is rewritten by
# `mfv compare --update-baseline`, which keeps its tolerances and appends {date, commit,
# reason, moved} to its "why". Never run by CI: a baseline changes only by this command.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
why=""
studies=()
while [ $# -gt 0 ]; do
  case "$1" in
    --why) why=${2:?--why needs a reason}; shift 2 ;;
    *) studies+=("$1"); shift ;;
  esac
done
if [ -z "$why" ]; then
  echo "usage: scripts/update-baselines.sh --why \"the reason\" [STUDY.json ...]" >&2
  exit 2
fi
[ ${#studies[@]} -gt 0 ] || studies=("$here"/tests/baselines/*.json)
mfv=${MFV:-$here/build/mfv}
[ -x "$mfv" ] || bash "$here/scripts/build.sh"
mkdir -p "$here/reference/baselines/ci"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for study in "${studies[@]}"; do
  name=$(basename "$study" .json)
  baseline="$here/reference/baselines/ci/$name.json"
  echo "== $name"
  "$mfv" run "$study" -o "$work/$name" --no-plots || [ $? -eq 3 ]
  "$mfv" compare "$work/$name/results.json" "$baseline" --update-baseline --why "$why"
done
