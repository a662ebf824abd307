#include <mfv/study/pipeline.hpp>

#include <mfv/io/report_plots.hpp>
#include <mfv/io/results.hpp>
#include <mfv/meanfield/radial_coulomb.hpp>
#include <mfv/meanfield/spectral_torus.hpp>
#include <mfv/study/checkpoint.hpp>
#include <mfv/study/fits.hpp>
#include <mfv/study/progress.hpp>
#include <mfv/core/error.hpp>

#include <omp.h>

#include <chrono>
#include <set>
#include <ctime>

namespace mfv::study {

namespace {

// What results.json says of the reference: its name and, for the spectral solver, its
// resolution and accuracy indicators (mass drift, smallest density, spectral tail); for the
// radial solver its grid, step, domain radius, smallest shell mass and error estimate.
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
    if (const auto* rc = dynamic_cast<const meanfield::radial_coulomb*>(&mu)) {
        j["grid"] = rc->settings().grid;
        j["dt"] = rc->settings().dt;
        j["radius"] = rc->settings().radius;
        j["steps"] = rc->solution().steps;
        j["min_shell_mass"] = rc->solution().min_shell_mass;
        j["error_estimate"] = rc->error_estimate();
    }
    return j;
}

}  // namespace

pipeline_outcome run_pipeline(const study& st, const std::filesystem::path& dir, const pipeline_options& opt) {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<scheduler> local;
    scheduler* sched = opt.sched;
    if (sched == nullptr) {
        local = make_local_scheduler(opt.threads);
        sched = local.get();
    }
    if (opt.threads > 0) omp_set_num_threads(opt.threads);
    const int threads = omp_get_max_threads();
    pipeline_outcome out;

    // Every rank builds the reference (it is deterministic); only the root gathers units,
    // keeps the checkpoint and writes.
    const auto ref_start = std::chrono::steady_clock::now();
    const auto reference = make_reference(st);
    const double ref_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ref_start).count();
    if (!sched->root()) {
        sched->run(st, *reference, {}, {}, nullptr);  // the ensembles
        sched->run(st, *reference, {}, {}, nullptr);  // the error budget's re-runs
        out.worker = true;
        return out;
    }

    std::filesystem::create_directories(dir);
    checkpoint ck(dir, st, opt.resume ? checkpoint::mode::resume : checkpoint::mode::fresh);
    for (const auto& note : ck.notes()) opt.log("mfv: " + note);
    std::map<work_unit, member_record> finished = ck.take_finished();
    out.units_resumed = finished.size();
    std::set<work_unit> from_checkpoint;
    for (const auto& [u, rec] : finished) from_checkpoint.insert(u);
    const auto run_phase = [&](const std::vector<work_unit>& all) {
        std::vector<work_unit> todo;
        std::vector<std::string> skipped;
        for (const auto& u : all) {
            if (finished.count(u)) {
                // Read back from the checkpoint (said once), or already run in this run.
                if (from_checkpoint.erase(u)) skipped.push_back(u.label());
            } else {
                todo.push_back(u);
            }
        }
        if (!skipped.empty()) {
            std::string line = "mfv: resume: skipped " + std::to_string(skipped.size()) + " finished unit(s):";
            for (const auto& l : skipped) line += " [" + l + "]";
            opt.log(line);
        }
        progress prog(opt.progress, todo.size(), st.T);
        try {
            sched->run(st, *reference, todo, [&](const work_unit& u, member_record&& rec) {
                ck.save(u, rec);
                if (opt.resume) opt.log("mfv: resume: computed [" + u.label() + "]");
                finished.emplace(u, std::move(rec));
            }, &prog);
        } catch (const interrupted_error& e) {
            prog.finish();
            throw interrupted_error(std::string(e.what()) + ": " + std::to_string(ck.saved() + out.units_resumed) +
                                    " finished unit(s) are saved in " + ck.directory().string());
        }
        prog.finish();
    };

    // The error budget's re-run of member 0 at the largest N is almost always the one the
    // harnesses ask for: it starts with the ensembles (first, the costliest unit) instead of
    // alone after them; if that member fails, the second phase runs the one they ask for.
    std::vector<work_unit> first = likely_budget_units(st);
    for (const auto& u : ensemble_units(st)) first.push_back(u);
    run_phase(first);
    auto ensembles = assemble_ensembles(st, finished, *reference);
    run_phase(budget_units(st, ensembles));
    const auto fits = run_harnesses(st, ensembles, std::move(finished), reference.get());

    io::provenance_info prov;
    prov.threads = threads;
    prov.command_line = opt.command_line;
    prov.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto results = io::results_json(st, ensembles, fits, prov);
    results["reference"] = reference_json(*reference);
    // Times and the way the run was spread are provenance (they may differ between two
    // runs of the same study), not results.
    results["provenance"]["reference_seconds"] = ref_seconds;
    results["provenance"]["processes"] = sched->processes();
    results["provenance"]["scheduler"] = sched->describe();
    if (out.units_resumed > 0) results["provenance"]["units_resumed"] = out.units_resumed;
    io::check_no_null(results);

    out.results = dir / "results.json";
    io::write_text_atomically(out.results, results.dump(2) + "\n");
    out.timeseries = dir / "timeseries.csv";
    io::write_text_atomically(out.timeseries, io::timeseries_csv(ensembles));
    // Every finished result is now in results.json: the checkpoint has done its job.
    ck.remove();
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
