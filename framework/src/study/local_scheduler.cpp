#include <mfv/core/error.hpp>
#include <mfv/study/interrupt.hpp>
#include <mfv/study/progress.hpp>
#include <mfv/study/scheduler.hpp>

#include <omp.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace mfv::study {

namespace {

class local_scheduler final : public scheduler {
public:
    explicit local_scheduler(int threads) : threads_(threads) {}

    void run(const study& st, const meanfield::reference& mu, const std::vector<work_unit>& units,
             const unit_done& on_done, progress* prog) override {
        if (threads_ > 0) omp_set_num_threads(threads_);
        const int threads = omp_get_max_threads();
        std::string fatal, failure;
        bool stopped = false;
        const auto run_one = [&](const work_unit& u) {
            bool skip = false;
#pragma omp critical(mfv_scheduler)
            skip = stopped || !fatal.empty() || !failure.empty() || stop_requested();
            if (skip) return;
            try {
                member_record rec = run_unit(st, u, mu, prog);
                // No exception may leave a critical section (it would end the process): a
                // unit that cannot be saved (a full disk, a removed directory) stops the run
                // with a message, after the units in flight.
#pragma omp critical(mfv_scheduler)
                try {
                    on_done(u, std::move(rec));
                    if (prog != nullptr) prog->unit_done();
                } catch (const std::exception& e) {
                    if (failure.empty()) failure = u.label() + ": " + e.what();
                }
            } catch (const interrupted_error&) {
#pragma omp critical(mfv_scheduler)
                stopped = true;
            } catch (const std::exception& e) {
                // A validation error (a bad points file, ...): the study cannot run.
#pragma omp critical(mfv_scheduler)
                if (fatal.empty()) fatal = e.what();
            }
        };
        if (units.size() >= static_cast<std::size_t>(threads) && threads > 1) {
            // Units in parallel, each unit single-threaded inside (no nested parallelism).
            const int levels = omp_get_max_active_levels();
            omp_set_max_active_levels(1);
#pragma omp parallel for schedule(dynamic, 1)
            for (std::size_t q = 0; q < units.size(); ++q) run_one(units[q]);
            omp_set_max_active_levels(levels);
        } else {
            for (const auto& u : units) run_one(u);
        }
        if (!fatal.empty()) throw input_error(fatal);
        if (!failure.empty()) throw std::runtime_error("a finished unit could not be kept (" + failure + ")");
        if (stopped || stop_requested()) throw interrupted_error("stopped by signal " + std::to_string(stop_signal()));
    }

    std::string describe() const override {
        const int t = threads_ > 0 ? threads_ : omp_get_max_threads();
        return "1 process, " + std::to_string(t) + " OpenMP thread" + (t == 1 ? "" : "s");
    }

private:
    int threads_;
};

}  // namespace

std::unique_ptr<scheduler> make_local_scheduler(int threads) { return std::make_unique<local_scheduler>(threads); }

bool started_by_mpi_launcher() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
        if (std::getenv(v) != nullptr) return true;
    }
    return false;
}

}  // namespace mfv::study
