#include <mfv/study/pipeline.hpp>

#include <mfv/io/report_plots.hpp>
#include <mfv/io/results.hpp>
#include <mfv/meanfield/spectral_torus.hpp>
#include <mfv/study/fits.hpp>

#include <omp.h>

#include <chrono>
#include <ctime>

namespace mfv::study {

namespace {

// What results.json says of the reference: its name and, for the spectral solver, its
// resolution and accuracy indicators (mass drift, smallest density, spectral tail).
nlohmann::json reference_json(const meanfield::reference& mu) {
    nlohmann::json j = {{"name", mu.name()}};
    if (const auto* sp = dynamic_cast<const meanfield::spectral_torus*>(&mu)) {
        j["grid"] = sp->settings().grid;
        j["band"] = sp->band();
        j["dt"] = sp->settings().dt;
        j["dealias"] = sp->settings().dealias;
        j["steps"] = sp->steps();
        j["mass_drift"] = sp->mass_drift();
        j["min_density"] = sp->min_density();
        j["spectral_tail"] = sp->spectral_tail();
    }
    return j;
}

}  // namespace

pipeline_outcome run_pipeline(const study& st, const std::filesystem::path& dir, const pipeline_options& opt) {
    const auto start = std::chrono::steady_clock::now();
    std::filesystem::create_directories(dir);
    if (opt.threads > 0) omp_set_num_threads(opt.threads);
    const int threads = omp_get_max_threads();

    const auto ref_start = std::chrono::steady_clock::now();
    const auto reference = make_reference(st);
    const double ref_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ref_start).count();
    const auto ensembles = run_ensembles(st, {opt.threads, opt.progress}, reference.get());
    const auto fits = run_harnesses(st, ensembles);

    io::provenance_info prov;
    prov.threads = threads;
    prov.command_line = opt.command_line;
    prov.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto results = io::results_json(st, ensembles, fits, prov);
    results["reference"] = reference_json(*reference);
    // A time, so it is provenance (which may differ between two runs), not a result.
    results["provenance"]["reference_seconds"] = ref_seconds;
    io::check_no_null(results);

    pipeline_outcome out;
    out.results = dir / "results.json";
    io::write_text_atomically(out.results, results.dump(2) + "\n");
    out.timeseries = dir / "timeseries.csv";
    io::write_text_atomically(out.timeseries, io::timeseries_csv(ensembles));
    for (const auto& e : ensembles) {
        for (const auto& m : e.members) out.members_failed += m.ok() ? 0 : 1;
    }
    for (const auto& f : fits) out.verdicts.push_back(f.value("verdict", "?"));
    if (opt.plots) out.plots = io::write_study_plots(results, dir);
    return out;
}

std::filesystem::path fresh_run_directory(const std::filesystem::path& root, const std::string& name) {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::gmtime(&now));
    std::filesystem::path dir = root / name / stamp;
    for (int k = 2; std::filesystem::exists(dir); ++k) dir = root / name / (std::string(stamp) + "-" + std::to_string(k));
    return dir;
}

}  // namespace mfv::study
