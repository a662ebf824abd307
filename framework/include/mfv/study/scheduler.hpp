// Where the units of a study run (issue 8): over the OpenMP threads of this process
// (make_local_scheduler), or over the ranks of an MPI job (make_mpi_scheduler, when mfv is
// built with Boost.MPI and started by mpirun or srun). Both hand out the units one at a
// time from a queue, the costly ones first (dynamic load balancing), and deliver each
// finished unit to the root, so a study gives the same records however it is spread.
#pragma once
#include <mfv/meanfield/reference.hpp>
#include <mfv/study/runner.hpp>
#include <mfv/study/work_unit.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mfv::study {

class progress;

// Called once per finished unit, on the root, one call at a time, before the thread or
// rank that ran the unit starts another.
using unit_done = std::function<void(const work_unit&, member_record&&)>;

class scheduler {
public:
    virtual ~scheduler() = default;

    // Run `units` (on a non-root rank the argument is ignored: the root hands them out).
    // Every rank calls run() the same number of times, in the same order. Throws
    // interrupted_error once the units in flight are dropped after a stop request (the
    // finished ones have been delivered), and input_error when a unit found the study
    // unrunnable (the first such message).
    virtual void run(const study& st, const meanfield::reference& mu, const std::vector<work_unit>& units,
                     const unit_done& on_done, progress* prog) = 0;

    // The process that gathers the units and writes the results.
    virtual bool root() const { return true; }
    // The number of processes (MPI ranks), 1 for the local scheduler.
    virtual int processes() const { return 1; }
    // E.g. "2 OpenMP threads" or "3 MPI ranks x 1 OpenMP thread".
    virtual std::string describe() const = 0;
};

// Units in parallel over `threads` OpenMP threads (0: OpenMP's default), each unit
// single-threaded; with fewer units than threads, one unit at a time, threaded inside.
std::unique_ptr<scheduler> make_local_scheduler(int threads);

// True when this process was started by an MPI launcher (mpirun, mpiexec, srun): the
// environment variables of Open MPI and PMIx say so.
bool started_by_mpi_launcher();

// True when mfv was built with Boost.MPI.
bool mpi_available();

// The ranks of MPI_COMM_WORLD, with `threads` OpenMP threads inside each unit. Initialises
// MPI on first use (thread level "serialized": the root hands out units from a second
// thread while its main thread runs units too). Throws input_error when mfv was built
// without MPI.
std::unique_ptr<scheduler> make_mpi_scheduler(int threads);

// Ends the MPI job after a failure on the root (MPI_Abort with `code`), so the other ranks
// do not wait for units that never come. Does nothing without MPI or on one rank.
void abort_mpi_job(int code);

}  // namespace mfv::study
