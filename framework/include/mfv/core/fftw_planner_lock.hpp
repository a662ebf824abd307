// FFTW's planner (fftw_plan_*, fftw_destroy_plan) is not thread-safe: every module that
// makes FFTW plans (the PME evaluator, the spectral torus solver) takes this one lock, so
// plans made on different threads at the same time never race. Executing a plan needs no lock.
#pragma once
#include <mutex>

namespace mfv {

std::mutex& fftw_planner_lock();

}  // namespace mfv
