// Run a whole study into a run directory: ensembles, harnesses, then results.json (written
// first, atomically, so no finished result is lost if a later step fails),
// timeseries.csv, and the plots. Every finished unit is checkpointed in DIR as it
// finishes (study/checkpoint.hpp), so a killed run resumes where it stopped; a stop
// request (SIGINT, SIGTERM) throws interrupted_error saying how many units are saved.
#pragma once
#include <mfv/study/runner.hpp>
#include <mfv/study/scheduler.hpp>

#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace mfv::study {

struct pipeline_options {
    int threads = 0;
    bool progress = true;
    bool plots = true;
    std::string command_line;
    // Continue the run in DIR from its checkpoint (study/checkpoint.hpp).
    bool resume = false;
    // Where the units run (null: this process's threads; study/scheduler.hpp).
    scheduler* sched = nullptr;
    // Where notes go (resume, skipped and computed units).
    std::function<void(const std::string&)> log = [](const std::string& line) { std::cerr << line << "\n"; };
};

struct pipeline_outcome {
    std::filesystem::path results, timeseries;
    std::vector<std::filesystem::path> plots;
    std::size_t members_failed = 0;
    std::vector<std::string> verdicts;
    // Units read back from the checkpoint instead of computed.
    std::size_t units_resumed = 0;
    // A non-root MPI rank: it ran units and wrote nothing.
    bool worker = false;
};

pipeline_outcome run_pipeline(const study& st, const std::filesystem::path& dir, const pipeline_options& opt);

// runs/<study name>/<UTC date-time>/ under `root`, made unique if it exists.
std::filesystem::path fresh_run_directory(const std::filesystem::path& root, const std::string& name);

}  // namespace mfv::study
