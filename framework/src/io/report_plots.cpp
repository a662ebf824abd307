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
    }
    std::size_t k = 0;
    for (const auto& fit : results["fits"]) {
        const std::string base = "rate_" + std::to_string(k++) + "_" + fit["observable"].get<std::string>() + "_" +
                                 fit["statistic"].get<std::string>();
        const auto f = plot_rate(dir, base, name + ": " + fit["statistic"].get<std::string>() + " of " +
                                                fit["observable"].get<std::string>() + " against N",
                                 rate_data(fit));
        files.push_back(f.png);
        files.push_back(f.svg);
    }
    return files;
}

}  // namespace mfv::io
