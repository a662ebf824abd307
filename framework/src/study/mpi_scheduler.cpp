// The units of a study over the ranks of an MPI job (Boost.MPI on Open MPI).
//
// Dynamic load balancing by a work queue on rank 0: a rank that is free asks for a unit
// and gets the next one, the costly ones (largest N) first, so a large N never waits
// behind a static share of small ones. Rank 0 runs units too: a second thread on it
// answers the other ranks (the only thread that calls MPI while units run: thread level
// "serialized"), and its main thread takes units from the same queue.
//
// Messages (tags below): a rank sends `ready` once per run(), then after each unit its
// `result` (the unit as CBOR, io/member_json.hpp: doubles travel bitwise), `stopped` (a
// stop request dropped it) or `fatal` (the study cannot run); rank 0 answers each with
// `work` (the next unit) or `phase_end`. The waits poll (iprobe, then a 1 ms sleep)
// rather than block, since Open MPI's blocking receive spins and would take a core from
// the units.
#include <mfv/core/error.hpp>
#include <mfv/study/scheduler.hpp>

#ifdef MFV_HAVE_MPI
#include <mfv/io/member_json.hpp>
#include <mfv/study/interrupt.hpp>
#include <mfv/study/progress.hpp>

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include <omp.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#endif

namespace mfv::study {

#ifdef MFV_HAVE_MPI

namespace mpi = boost::mpi;

namespace {

enum tag : int { ready = 1, result = 2, stopped = 3, fatal = 4, work = 5, phase_end = 6 };

std::unique_ptr<mpi::environment>& environment() {
    static std::unique_ptr<mpi::environment> env;
    return env;
}

void pause() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }

// Wait (polling) for a message from `source` (or any), and return its status.
mpi::status wait_for(const mpi::communicator& world, int source) {
    for (;;) {
        if (auto s = world.iprobe(source, mpi::any_tag)) return *s;
        pause();
    }
}

std::vector<std::uint8_t> receive_bytes(const mpi::communicator& world, const mpi::status& s) {
    const int n = s.count<std::uint8_t>().value_or(0);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n));
    world.recv(s.source(), s.tag(), bytes.data(), n);
    return bytes;
}

void send_bytes(const mpi::communicator& world, int dest, int t, const std::vector<std::uint8_t>& bytes) {
    world.send(dest, t, bytes.data(), static_cast<int>(bytes.size()));
}

std::vector<std::uint8_t> text_bytes(const std::string& s) { return {s.begin(), s.end()}; }

class mpi_scheduler final : public scheduler {
public:
    mpi_scheduler(int threads, bool root_computes) : threads_(threads), root_computes_(root_computes) {}

    void run(const study& st, const meanfield::reference& mu, const std::vector<work_unit>& units,
             const unit_done& on_done, progress* prog) override {
        if (threads_ > 0) omp_set_num_threads(threads_);
        if (world_.rank() == 0)
            lead(st, mu, units, on_done, prog);
        else
            follow(st, mu);
    }

    bool root() const override { return world_.rank() == 0; }
    int processes() const override { return world_.size(); }
    std::string describe() const override {
        const int t = threads_ > 0 ? threads_ : omp_get_max_threads();
        return std::to_string(world_.size()) + " MPI ranks x " + std::to_string(t) + " OpenMP thread" + (t == 1 ? "" : "s") +
               (root_computes_ ? "" : " (rank 0 only hands out units: MPI gave no thread level above funneled)");
    }

private:
    // A rank other than 0: ask, run, answer, until the phase ends.
    void follow(const study& st, const meanfield::reference& mu) {
        world_.send(0, tag::ready);
        for (;;) {
            const mpi::status s = wait_for(world_, 0);
            if (s.tag() == tag::phase_end) {
                world_.recv(0, tag::phase_end);
                return;
            }
            const auto bytes = receive_bytes(world_, s);
            work_unit u;
            std::istringstream in(std::string(bytes.begin(), bytes.end()));
            in >> u.N >> u.member >> u.tightened;
            try {
                const member_record rec = run_unit(st, u, mu, nullptr);
                send_bytes(world_, 0, tag::result, nlohmann::json::to_cbor(io::unit_to_json(u, rec)));
            } catch (const interrupted_error&) {
                world_.send(0, tag::stopped);
            } catch (const std::exception& e) {
                send_bytes(world_, 0, tag::fatal, text_bytes(e.what()));
            }
        }
    }

    // Rank 0: hand out the units, run some, deliver every result.
    void lead(const study& st, const meanfield::reference& mu, const std::vector<work_unit>& units,
              const unit_done& on_done, progress* prog) {
        std::mutex mutex;
        std::deque<work_unit> queue(units.begin(), units.end());
        std::string first_fatal;
        bool halted = false;
        const auto halt = [&] { return halted || !first_fatal.empty() || stop_requested(); };  // under the mutex
        const auto deliver = [&](const work_unit& u, member_record&& rec) {
            on_done(u, std::move(rec));
            if (prog != nullptr) prog->unit_done();
        };

        // The dispatcher: every message of this phase, until every other rank has ended it.
        const auto dispatch = [&] {
            // A rank's messages are read only while it is in this phase: once it has had its
            // phase_end, its next message (the ready of the next phase) waits for the next run().
            std::vector<char> active(static_cast<std::size_t>(world_.size()), 1);
            active[0] = 0;
            int ended = 0;
            const int others = world_.size() - 1;
            const auto give = [&](int w) {
                std::unique_lock lock(mutex);
                if (!halt() && !queue.empty()) {
                    const work_unit u = queue.front();
                    queue.pop_front();
                    lock.unlock();
                    std::ostringstream out;
                    out << u.N << ' ' << u.member << ' ' << u.tightened;
                    send_bytes(world_, w, tag::work, text_bytes(out.str()));
                } else {
                    lock.unlock();
                    world_.send(w, tag::phase_end);
                    active[static_cast<std::size_t>(w)] = 0;
                    ++ended;
                }
            };
            const auto next_message = [&]() -> std::optional<mpi::status> {
                for (int w = 1; w < world_.size(); ++w) {
                    if (!active[static_cast<std::size_t>(w)]) continue;
                    if (auto s = world_.iprobe(w, mpi::any_tag)) return *s;
                }
                return std::nullopt;
            };
            while (ended < others) {
                const auto s = next_message();
                if (!s) {
                    pause();
                    continue;
                }
                const int w = s->source();
                switch (s->tag()) {
                    case tag::ready:
                    case tag::stopped:
                        world_.recv(w, s->tag());
                        if (s->tag() == tag::stopped) {
                            std::lock_guard lock(mutex);
                            halted = true;
                        }
                        break;
                    case tag::result: {
                        auto [u, rec] = io::unit_from_json(nlohmann::json::from_cbor(receive_bytes(world_, *s)));
                        std::lock_guard lock(mutex);
                        deliver(u, std::move(rec));
                        break;
                    }
                    case tag::fatal: {
                        const auto bytes = receive_bytes(world_, *s);
                        std::lock_guard lock(mutex);
                        if (first_fatal.empty()) first_fatal.assign(bytes.begin(), bytes.end());
                        break;
                    }
                    default:
                        throw std::logic_error("mpi_scheduler: unexpected message tag " + std::to_string(s->tag()));
                }
                give(w);
            }
        };

        // Rank 0's own share: units from the same queue, on the main thread.
        const auto compute = [&] {
            for (;;) {
                work_unit u;
                {
                    std::lock_guard lock(mutex);
                    if (halt() || queue.empty()) return;
                    u = queue.front();
                    queue.pop_front();
                }
                try {
                    member_record rec = run_unit(st, u, mu, prog);
                    std::lock_guard lock(mutex);
                    deliver(u, std::move(rec));
                } catch (const interrupted_error&) {
                    std::lock_guard lock(mutex);
                    halted = true;
                } catch (const std::exception& e) {
                    std::lock_guard lock(mutex);
                    if (first_fatal.empty()) first_fatal = e.what();
                }
            }
        };

        if (root_computes_ && world_.size() > 1) {
            std::exception_ptr dispatch_error;
            std::thread dispatcher([&] {
                try {
                    dispatch();
                } catch (...) {
                    dispatch_error = std::current_exception();
                }
            });
            compute();
            dispatcher.join();
            if (dispatch_error) std::rethrow_exception(dispatch_error);
        } else if (world_.size() > 1) {
            dispatch();
        } else {
            compute();
        }
        if (!first_fatal.empty()) throw input_error(first_fatal);
        if (halted || stop_requested()) throw interrupted_error("stopped by signal " + std::to_string(stop_signal()));
    }

    mpi::communicator world_;
    int threads_;
    bool root_computes_;
};

}  // namespace

bool mpi_available() { return true; }

std::unique_ptr<scheduler> make_mpi_scheduler(int threads) {
    auto& env = environment();
    if (!env) env = std::make_unique<mpi::environment>(mpi::threading::serialized, /*abort_on_exception=*/true);
    const bool root_computes = env->thread_level() >= mpi::threading::serialized;
    return std::make_unique<mpi_scheduler>(threads, root_computes);
}

void abort_mpi_job(int code) {
    if (environment() && mpi::communicator().size() > 1) mpi::environment::abort(code);
}

#else

bool mpi_available() { return false; }

std::unique_ptr<scheduler> make_mpi_scheduler(int) {
    throw input_error("this mfv was built without MPI (Boost.MPI was not found at configure time): "
                      "run it without mpirun, or install libboost-mpi-dev and rebuild");
}

void abort_mpi_job(int) {}

#endif

}  // namespace mfv::study
