#include <mfv/io/report_plots.hpp>

#include <mfv/io/plots.hpp>

#include <cmath>
#include <sstream>

namespace mfv::io {

using nlohmann::json;

namespace {

std::string axis_label(const std::string& column) {
    if (column == "modulated_energy") return "F_N(X_N^t, mu^t)";
    if (column == "min_distance") return "min_{i != j} |x_i - x_j|";
    if (column == "second_moment") return "(1/N) sum |x_i|^2";
    if (column == "hamiltonian") return "H_N / N^2";
    return column;
}

std::vector<series_band> bands_of(const json& results, const std::string& column) {
    std::vector<series_band> out;
    for (const auto& e : results["ensembles"]) {
        const auto& s = e["summary"];
        if (!s.contains("observables") || !s["observables"].contains(column)) continue;
        const auto& o = s["observables"][column];
        series_band b;
        b.N = e["N"];
        b.t = s["t"].get<std::vector<double>>();
        b.mean = o["mean"].get<std::vector<double>>();
        const std::vector<double> sd = o.contains("std") ? o["std"].get<std::vector<double>>()
                                                         : std::vector<double>(b.mean.size(), 0.0);
        for (std::size_t k = 0; k < b.mean.size(); ++k) {
            b.lower.push_back(b.mean[k] - sd[k]);
            b.upper.push_back(b.mean[k] + sd[k]);
        }
        out.push_back(std::move(b));
    }
    return out;
}

// The electric observable's truncated energies E(eta_q) at the last output, eta_q = c_q N^(-1/d)
// (c_q = 1/8, 1/4, 1/2, 1; reference/electric.md 4), scaled by N^(1 - s/d) so that the N are
// comparable: one curve a N against c_q, mean +- std over members. For mu = 1 the plotted
// quantity is E - X_eta, X_eta = c_d eta^2 / d (c_d = |S^(d-1)|), which is nonincreasing in
// eta (the almost-monotonicity; `subtracted` says so); for another mu, E itself.
std::vector<series_band> truncation_ladder(const json& results, bool& subtracted) {
    std::vector<series_band> out;
    const auto& st = results["study"];
    const double d = st["model"]["d"], s = st["model"]["s"];
    subtracted = st["initial"]["law"]["type"] == "uniform";
    const double c_d = d == 3 ? 4.0 * M_PI : 2.0 * M_PI;
    for (const auto& e : results["ensembles"]) {
        const auto& o = e["summary"].value("observables", json::object());
        series_band b;
        b.N = e["N"];
        const double scale = std::pow(static_cast<double>(b.N), 1.0 - s / d);
        for (int q = 1; q <= 4; ++q) {
            const std::string column = "truncated_energy_" + std::to_string(q);
            if (!o.contains(column)) return {};
            const double mean = o[column]["mean"].back();
            const double sd = o[column].contains("std") ? o[column]["std"].back().get<double>() : 0.0;
            const double c = std::ldexp(1.0, q - 4);
            const double eta = std::min(c * std::pow(static_cast<double>(b.N), -1.0 / d), 0.24);
            const double x = subtracted ? c_d * eta * eta / d : 0.0;
            b.t.push_back(c);
            b.mean.push_back(scale * (mean - x));
            b.lower.push_back(scale * (mean - x - sd));
            b.upper.push_back(scale * (mean - x + sd));
        }
        out.push_back(std::move(b));
    }
    return out;
}

rate_plot_data rate_data(const json& fit) {
    rate_plot_data r;
    for (const auto& n : fit["per_N"]) {
        if (!n.contains("mean")) continue;
        const double m = n["mean"], lo = n["interval"][0], hi = n["interval"][1];
        r.N.push_back(n["N"].get<double>());
        r.mean_abs.push_back(std::abs(m));
        r.lower.push_back(m >= 0 ? lo : -hi);
        r.upper.push_back(m >= 0 ? hi : -lo);
        r.in_fit.push_back(n["usable"].get<bool>());
    }
    std::ostringstream text;
    text.precision(3);
    if (fit.contains("exponent")) {
        r.fit = power_line{fit["prefactor"], fit["exponent"]};
        text << "p = " << fit["exponent"].get<double>() << " [" << fit["interval"][0].get<double>() << ", "
             << fit["interval"][1].get<double>() << "], theory " << fit["theory_exponent"].get<double>();
    } else {
        text << "no fit (fewer than two usable N)";
    }
    text << "\nverdict: " << fit["verdict"].get<std::string>();
    r.theory_exponent = fit["theory_exponent"];
    r.exponent_text = text.str();
    r.ylabel = "|mean " + fit["statistic"].get<std::string>() + " of " + fit["observable"].get<std::string>() + "|";
    return r;
}

// The decay fit's curves: per N the ensemble mean of the observable and its fit.
decay_plot_data decay_data(const json& results, const json& fit) {
    decay_plot_data d;
    const std::string column = fit["observable"];
    std::size_t k = 0;
    for (const auto& e : results["ensembles"]) {
        const auto& s = e["summary"];
        if (!s.contains("observables") || !s["observables"].contains(column)) continue;
        decay_curve c;
        c.N = e["N"];
        c.t = s["t"].get<std::vector<double>>();
        c.mean = s["observables"][column]["mean"].get<std::vector<double>>();
        // per_N lists the N in the order of the ensembles.
        for (const auto& f : fit["per_N"]) {
            if (f["N"] != e["N"] || !f.contains("lambda")) continue;
            c.fitted = true;
            c.A = f["A"];
            c.lambda = f["lambda"];
            c.B = f.value("B", 0.0);
            c.t_begin = f["window"]["t_begin"];
            c.t_end = f["window"]["t_end"];
        }
        d.curves.push_back(std::move(c));
        ++k;
    }
    if (fit.contains("predicted_rate")) d.predicted_rate = fit["predicted_rate"].get<double>();
    d.ylabel = "|mean " + column + " - B_N|";
    std::ostringstream text;
    text.precision(4);
    if (!fit["per_N"].empty() && fit["per_N"].back().contains("lambda")) {
        const auto& f = fit["per_N"].back();
        text << "N = " << f["N"].get<std::uint64_t>() << ": lambda = " << f["lambda"].get<double>();
        if (f.contains("lambda_interval"))
            text << " [" << f["lambda_interval"][0].get<double>() << ", " << f["lambda_interval"][1].get<double>() << "]";
        if (d.predicted_rate) text << ", predicted " << *d.predicted_rate;
    }
    text << "\nverdict: " << fit["verdict"].get<std::string>();
    d.text = text.str();
    return d;
}

}  // namespace

std::vector<std::filesystem::path> write_study_plots(const json& results, const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    const auto& st = results["study"];
    const std::string name = st["name"];
    for (const auto& obs : st["observables"]) {
        const std::string column = obs;
        const auto bands = bands_of(results, column);
        if (bands.empty()) continue;
        const auto f = plot_time_series(dir, column + "_vs_t", name + ": " + column + " (mean +- std over members)",
                                        axis_label(column), bands);
        files.push_back(f.png);
        files.push_back(f.svg);
        files.push_back(f.pdf);
    }
    bool subtracted = false;
    if (const auto ladder = truncation_ladder(results, subtracted); !ladder.empty()) {
        plot_settings ps;
        ps.xlabel = "eta N^(1/d)";
        const std::string quantity = subtracted ? "E(eta) - c_d eta^2/d" : "E(eta)";
        const auto f = plot_time_series(dir, "truncated_energy_vs_eta",
                                        name + ": truncated energy " + quantity + " at t = T (mean +- std over members)",
                                        "N^(1-s/d) (" + quantity + ")", ladder, ps);
        files.push_back(f.png);
        files.push_back(f.svg);
        files.push_back(f.pdf);
    }
    std::size_t k = 0;
    for (const auto& fit : results["fits"]) {
        const std::string harness = fit["harness"];
        const std::string obs = fit["observable"];
        if (harness == "decay") {
            const auto data = decay_data(results, fit);
            bool any = false;
            for (const auto& c : data.curves) any = any || c.fitted;
            if (!any) continue;
            const auto f = plot_decay(dir, "decay_" + std::to_string(k++) + "_" + obs,
                                      name + ": decay of " + obs + " (fit A e^{-lambda t} + B per N)", data);
            files.push_back(f.png);
            files.push_back(f.svg);
            files.push_back(f.pdf);
            continue;
        }
        if (harness == "commutator") {
            std::vector<series_band> bands;
            for (const auto& g : fit["per_N"]) {
                if (!g.contains("mean_ratio")) continue;
                series_band b;
                b.N = g["N"].get<std::uint64_t>();
                b.t = g["t"].get<std::vector<double>>();
                b.mean = g["mean_ratio"].get<std::vector<double>>();
                const auto sd = g["std_ratio"].get<std::vector<double>>();
                for (std::size_t q = 0; q < b.mean.size(); ++q) {
                    b.lower.push_back(b.mean[q] - sd[q]);
                    b.upper.push_back(b.mean[q] + sd[q]);
                }
                bands.push_back(std::move(b));
            }
            if (bands.empty()) continue;
            const auto f = plot_time_series(dir, "commutator_" + std::to_string(k++),
                                            name + ": |K| / (||Du|| (F_N + C r(N))) (mean +- std over members)",
                                            "|K| / (||Du||_inf (F_N + C r(N)))", bands);
            files.push_back(f.png);
            files.push_back(f.svg);
            files.push_back(f.pdf);
            continue;
        }
        if (harness == "gronwall") {
            if (!fit.contains("per_N")) continue;
            envelope_plot_data data;
            for (const auto& g : fit["per_N"]) {
                if (!g.contains("mean_abs")) continue;
                data.curves.push_back({g["N"].get<std::uint64_t>(), g["t"].get<std::vector<double>>(),
                                       g["mean_abs"].get<std::vector<double>>(),
                                       g["envelope_max_C2"].get<std::vector<double>>()});
            }
            if (data.curves.empty()) continue;
            data.ylabel = "|" + obs + "| (ensemble mean)";
            data.bound_name = "envelope";
            std::ostringstream text;
            text.precision(3);
            text << "envelope (|F_N(0)| + C1 r(N)) e^(C2 t), largest C2 over members; C1 = " << fit["C1"].get<double>();
            if (fit.contains("slope_in_log_N"))
                text << ", dC2/dlog N = " << fit["slope_in_log_N"].get<double>() << " [" << fit["slope_interval"][0].get<double>()
                     << ", " << fit["slope_interval"][1].get<double>() << "]";
            text << "\nverdict: " << fit["verdict"].get<std::string>();
            data.text = text.str();
            const auto f = plot_envelope(dir, "gronwall_" + std::to_string(k++) + "_" + obs,
                                         name + ": |" + obs + "(t)| and its Gronwall envelope", data);
            files.push_back(f.png);
            files.push_back(f.svg);
            files.push_back(f.pdf);
            continue;
        }
        if (harness == "uniform_in_time") {
            for (const auto& h : fit["horizons"]) {
                std::ostringstream T;
                T << h["T"].get<double>();
                const auto f = plot_rate(dir, "uniform_" + std::to_string(k) + "_T" + T.str() + "_" + obs,
                                         name + ": sup_{t <= " + T.str() + "} |" + obs + "| against N", rate_data(h["rate"]));
                files.push_back(f.png);
                files.push_back(f.svg);
                files.push_back(f.pdf);
            }
            ++k;
            continue;
        }
        if (harness == "sharpness") {
            // Per N a bar from the ratio of the starting configurations to the largest the
            // ascent found; the flat "theory" line is the N-independent constant of the
            // inequality, drawn at the largest N's value.
            rate_plot_data d;
            for (const auto& g : fit["per_N"]) {
                d.N.push_back(g["N"].get<double>());
                d.mean_abs.push_back(g["best_ratio"].get<double>());
                d.lower.push_back(g["start_ratio"].get<double>());
                d.upper.push_back(g["best_ratio"].get<double>());
            }
            if (d.N.empty()) continue;
            d.theory_exponent = 0.0;
            d.ylabel = "|K| / (||Du|| (F_N + C r(N))) at t = 0";
            d.points_title = "largest ratio found (bar: from the start)";
            d.theory_title = "N-independent constant, at the largest N";
            d.exponent_text = "points: largest ratio found by the ascent; bars down to the starting ratio\nverdict: " +
                              fit["verdict"].get<std::string>();
            const auto f = plot_rate(dir, "sharpness_" + std::to_string(k++), name + ": sharpness probe of the commutator ratio", d);
            files.push_back(f.png);
            files.push_back(f.svg);
            files.push_back(f.pdf);
            continue;
        }
        if (harness != "rate") continue;  // a harness without a figure of its own
        const std::string base = "rate_" + std::to_string(k++) + "_" + fit["observable"].get<std::string>() + "_" +
                                 fit["statistic"].get<std::string>();
        const auto f = plot_rate(dir, base, name + ": " + fit["statistic"].get<std::string>() + " of " +
                                                fit["observable"].get<std::string>() + " against N",
                                 rate_data(fit));
        files.push_back(f.png);
        files.push_back(f.svg);
        files.push_back(f.pdf);
    }
    return files;
}

}  // namespace mfv::io
