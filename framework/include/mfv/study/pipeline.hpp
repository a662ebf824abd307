// Run a whole study into a run directory: ensembles, harnesses, then results.json (written
// first, atomically, so no finished result is lost if a later step fails),
// timeseries.csv, and the plots.
#pragma once
#include <mfv/study/runner.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace mfv::study {

struct pipeline_options {
    int threads = 0;
    bool progress = true;
    bool plots = true;
    std::string command_line;
};

struct pipeline_outcome {
    std::filesystem::path results, timeseries;
    std::vector<std::filesystem::path> plots;
    std::size_t members_failed = 0;
    std::vector<std::string> verdicts;
};

pipeline_outcome run_pipeline(const study& st, const std::filesystem::path& dir, const pipeline_options& opt);

// runs/<study name>/<UTC date-time>/ under `root`, made unique if it exists.
std::filesystem::path fresh_run_directory(const std::filesystem::path& root, const std::string& name);

}  // namespace mfv::study
