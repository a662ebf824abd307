// The plots of a run, drawn from its results.json (so `mfv report` can redraw them from
// any results file): for each observable column named after an observable, its ensemble
// mean against t per N with a mean +- std band (F_N with its sign), and for each rate fit
// |mean statistic| against N on log-log axes with the fitted line and the theory slope.
#pragma once
#include <nlohmann/json.hpp>

#include <filesystem>
#include <vector>

namespace mfv::io {

// Returns the files written (PNG, SVG and PDF of each figure).
std::vector<std::filesystem::path> write_study_plots(const nlohmann::json& results, const std::filesystem::path& dir);

}  // namespace mfv::io
