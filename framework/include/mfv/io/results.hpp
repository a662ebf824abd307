// results.json, schema "mfv.results/1" (framework/schema/results.schema.json):
//   schema       "mfv.results/1"
//   study        the study as it ran, every default filled in
//   provenance   version, git commit, compiler, threads, wall times, host, date, MPI
//                processes, units resumed: all that may differ between two runs of the
//                same study lives here and nowhere else
//   ensembles    one entry per N: N, members (member, status, t, one array per observable
//                column), summary (ensemble statistics over the members that finished)
//   fits         one entry per harness
// Nothing is ever null: what does not apply is left out, and a non-finite number is an
// error (nlohmann/json would silently write NaN as null).
#pragma once
#include <mfv/study/runner.hpp>
#include <mfv/study/study.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace mfv::io {

struct provenance_info {
    int threads = 1;
    double wall_seconds = 0.0;
    std::string command_line;
};

// The JSON Schema of results files (framework/schema/results.schema.json).
const std::string& results_schema_text();

nlohmann::json ensemble_json(const study::ensemble_record& e);
nlohmann::json provenance_json(const provenance_info& p);
nlohmann::json results_json(const study::study& st, const std::vector<study::ensemble_record>& ensembles,
                            const std::vector<nlohmann::json>& fits, const provenance_info& p);

// Throws std::runtime_error naming the JSON path of the first null or non-finite number.
void check_no_null(const nlohmann::json& j, const std::string& path = "");

// Write atomically (a temporary file, flushed to disk, renamed into place), so a crash or
// a kill never leaves a half-written file: the previous version or the new one, whole.
void write_text_atomically(const std::filesystem::path& file, const std::string& text);

// One row per (N, member, t): N,member,t,<columns...> for members with data.
std::string timeseries_csv(const std::vector<study::ensemble_record>& ensembles);

}  // namespace mfv::io
