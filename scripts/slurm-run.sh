#!/usr/bin/env bash
# Run an mfv study on a Slurm cluster: the units (N, member) are spread over the MPI ranks,
# one rank per node here, each running its unit on all the node's cores with OpenMP.
#
#   sbatch scripts/slurm-run.sh studies/coulomb3d-gradient-large.json runs/large
#
# Rank 0 hands out the units, largest N first, runs some itself, and writes DIR/results.json;
# every finished unit is saved in DIR/checkpoint/ as it finishes, so a job that hits its time
# limit (Slurm sends SIGTERM first) or is preempted loses only the units in flight, and the
# same script submitted again continues it (--resume starts afresh when there is nothing to
# resume). Many small units (small N, many members) are better served by one rank per core
# and --threads 1: change --ntasks-per-node and --cpus-per-task below.
#
# mfv must be built on the cluster with Boost.MPI against the cluster's MPI (cmake reports
# "mfv: MPI ensembles ON"); srun starts the ranks (Open MPI built with PMIx / Slurm support),
# or replace srun by mpirun.
#SBATCH --job-name=mfv
#SBATCH --nodes=4
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=32
#SBATCH --time=12:00:00
#SBATCH --signal=TERM@120
#SBATCH --output=mfv-%j.log
set -euo pipefail

study=${1:?usage: sbatch scripts/slurm-run.sh STUDY.json RUN_DIR}
dir=${2:?usage: sbatch scripts/slurm-run.sh STUDY.json RUN_DIR}
mfv=${MFV:-build/mfv}

export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}
export OMP_PROC_BIND=close OMP_PLACES=cores
srun --cpu-bind=none "$mfv" run "$study" -o "$dir" --threads "$OMP_NUM_THREADS" --resume
