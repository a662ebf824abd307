#!/usr/bin/env bash
# Wall time of one study run four ways, and the parallel efficiency of the MPI ranks:
#   1 process, 1 thread | mpirun -np 1 | mpirun -np 2 (1 thread each) | 1 process, 2 threads
# efficiency(P) = T(1 rank) / (P T(P ranks)). Usage (after scripts/build.sh):
#   bash tests/bench/mpi_bench.sh [STUDY.json] [REPEATS]
# Not part of the test suite (timings); the figures go in the issue notes with the machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
study=${1:-$here/studies/quickstart.json}
repeats=${2:-3}
mfv=${MFV:-$here/build/mfv}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The smallest wall time over the repeats, in seconds.
best() {
  local best=""
  for ((k = 0; k < repeats; k++)); do
    rm -rf "$work/run"
    local t0 t1
    t0=$(date +%s.%N)
    "$@" run "$study" -o "$work/run" --no-plots --threads "$threads" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    t1=$(date +%s.%N)
    best=$(python3 -c "print(min(x for x in [$t1 - $t0, ${best:-1e300}]))")
  done
  echo "$best"
}

echo "mfv MPI benchmark: $(basename "$study"), best of $repeats, $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p'))"
threads=1; t_serial=$(best "$mfv")
threads=1; t_np1=$(best mpirun -np 1 "$mfv")
threads=1; t_np2=$(best mpirun -np 2 "$mfv")
threads=2; t_omp2=$(best "$mfv")
python3 - "$t_serial" "$t_np1" "$t_np2" "$t_omp2" <<'PY'
import sys
s, n1, n2, o2 = map(float, sys.argv[1:])
print(f"{'run':<34}{'wall s':>9}{'speed-up':>10}{'efficiency':>12}")
print(f"{'1 process, 1 thread':<34}{s:9.2f}{1:10.2f}{'':>12}")
print(f"{'mpirun -np 1, 1 thread':<34}{n1:9.2f}{s/n1:10.2f}{s/n1:12.2f}")
print(f"{'mpirun -np 2, 1 thread each':<34}{n2:9.2f}{s/n2:10.2f}{n1/(2*n2):12.2f}")
print(f"{'1 process, 2 OpenMP threads':<34}{o2:9.2f}{s/o2:10.2f}{s/(2*o2):12.2f}")
PY
