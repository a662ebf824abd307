// The report of a set of studies (issue 6, `mfv report`): for each study its figures
// (io/report_plots.hpp: PNG, SVG and PDF) and a table of its fits, in DIR/index.html and
// DIR/index.md. The page checks itself when a browser loads it: every figure it names is
// counted as rendered or not in <body data-figures="k of n rendered">.
#pragma once
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace mfv::io {

struct report_entry {
    std::string name, question;
    // Where the numbers come from: "run" (runs/<name>/<stamp>/results.json), "baseline"
    // (reference/baselines/<name>.json) or "none".
    std::string source_kind = "none";
    std::filesystem::path source;
    // A note for the reader, e.g. that the baseline was made for an earlier version of
    // the study.
    std::string note;
    nlohmann::json results;
    // The figures, relative to the report directory, one entry per figure (the PNG; the
    // SVG and PDF sit beside it).
    std::vector<std::filesystem::path> figures;
    // Why the figures could not be drawn ("" when they were).
    std::string error;
};

// One row of the fits table: harness, quantity, estimate, interval, theory, verdict.
std::vector<std::string> fit_row(const nlohmann::json& fit);

// Draw the entry's figures into dir/<name>/ (fills figures, or error).
void draw_report_figures(report_entry& e, const std::filesystem::path& dir);

// dir/index.md and dir/index.html (written atomically).
void write_report_index(const std::filesystem::path& dir, const std::vector<report_entry>& entries);

}  // namespace mfv::io
