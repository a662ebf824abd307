// plot_rate (plots.hpp): |mean| against N on log-log axes with interval bars (filled
// symbols for the N the fit used, open for the others), the fitted law C N^p, and the
// theory slope A (N/N*)^t anchored at the largest fitted N*, with A = |mean| at N*.
#include <mfv/io/plots.hpp>
#include <mfv/io/plots_gnuplot.hpp>

#include <gnuplot-iostream.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace mfv::io {

namespace {
using detail::gnuplot_number;
using detail::gnuplot_string;

// A number for legends and notes: three significant digits, or ten for N.
std::string short_number(double x, int digits = 3) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    return buf;
}

// Columns N, |mean|, bar low, bar high of the points drawn, split by use in the fit.
struct rate_points {
    std::vector<double> N[2], mean[2], lo[2], hi[2];
    std::string not_drawn;
    double anchor_N = 0.0, anchor_mean = 0.0;
};

void check_rate_data(const rate_plot_data& d) {
    const std::size_t n = d.N.size();
    if (n == 0) throw std::invalid_argument("plot_rate: no N to draw");
    if (d.mean_abs.size() != n || d.lower.size() != n || d.upper.size() != n ||
        (!d.in_fit.empty() && d.in_fit.size() != n)) {
        throw std::invalid_argument("plot_rate: N, mean_abs, lower, upper (and in_fit) must have one entry per N");
    }
    if (d.fit && !(std::isfinite(d.fit->prefactor) && d.fit->prefactor > 0 && std::isfinite(d.fit->exponent))) {
        throw std::invalid_argument("plot_rate: the fitted line needs a positive prefactor and a finite exponent");
    }
    if (!std::isfinite(d.theory_exponent)) throw std::invalid_argument("plot_rate: theory exponent is not finite");
}

// Sorts the N into drawable points; a lower bar end <= 0 is moved to a tenth of the
// smallest positive value drawn, i.e. the bar runs to the bottom of the plot.
rate_points split_points(const rate_plot_data& d) {
    rate_points p;
    double floor = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < d.N.size(); ++k) {
        if (d.mean_abs[k] > 0 && std::isfinite(d.mean_abs[k])) floor = std::min(floor, d.mean_abs[k]);
        if (d.lower[k] > 0 && std::isfinite(d.lower[k])) floor = std::min(floor, d.lower[k]);
    }
    for (std::size_t k = 0; k < d.N.size(); ++k) {
        const std::string at = "plot_rate: N = " + short_number(d.N[k], 10);
        if (!(d.N[k] > 0 && std::isfinite(d.N[k]))) throw std::invalid_argument(at + " is not a positive number");
        if (!(d.mean_abs[k] > 0 && std::isfinite(d.mean_abs[k]))) {
            p.not_drawn += "\nN = " + short_number(d.N[k], 10) + " not drawn (|mean| = " + short_number(d.mean_abs[k]) + ")";
            continue;
        }
        if (!std::isfinite(d.lower[k]) || !(d.upper[k] > 0 && std::isfinite(d.upper[k]))) {
            throw std::invalid_argument(at + ": the interval bar is not finite or its upper end is not positive");
        }
        const int used = d.in_fit.empty() || d.in_fit[k] ? 0 : 1;
        p.N[used].push_back(d.N[k]);
        p.mean[used].push_back(d.mean_abs[k]);
        p.lo[used].push_back(d.lower[k] > 0 ? d.lower[k] : floor / 10);
        p.hi[used].push_back(d.upper[k]);
    }
    const int anchor_set = p.N[0].empty() ? 1 : 0;
    if (p.N[anchor_set].empty()) throw std::invalid_argument("plot_rate: no N with a positive, finite |mean|");
    const auto last = std::max_element(p.N[anchor_set].begin(), p.N[anchor_set].end()) - p.N[anchor_set].begin();
    p.anchor_N = p.N[anchor_set][last];
    p.anchor_mean = p.mean[anchor_set][last];
    return p;
}

std::string x_range(const rate_points& p) {
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    for (const auto& ns : p.N) {
        for (double n : ns) {
            lo = std::min(lo, n);
            hi = std::max(hi, n);
        }
    }
    return "set xrange [" + gnuplot_number(lo / 1.5) + ":" + gnuplot_number(hi * 1.5) + "]\n";
}
}  // namespace

plot_files plot_rate(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                     const rate_plot_data& data, const plot_settings& settings) {
    check_rate_data(data);
    const rate_points p = split_points(data);
    const plot_files files = detail::output_files(dir, basename);
    detail::run_gnuplot(settings, files, [&](gnuplotio::Gnuplot& gp, const std::filesystem::path& scratch) {
        gp << "set title " << gnuplot_string(title) << "\n"
           << "set logscale xy\nset xlabel \"N\"\nset ylabel " << gnuplot_string(data.ylabel) << "\n"
           << x_range(p) << "set grid\nset key top right\nset samples 400\n"
           << "set style textbox opaque noborder\n"
           << "set label 1 " << gnuplot_string(data.exponent_text + p.not_drawn)
           << " at graph 0.03, 0.14 left front boxed\n";
        std::vector<std::string> parts;
        const char* style[2] = {"pointtype 7", "pointtype 6"};
        const char* name[2] = {"|mean| and 95% interval", "not used in the fit"};
        for (int used = 0; used < 2; ++used) {
            if (p.N[used].empty()) continue;
            const std::string file = (scratch / ("rate" + std::to_string(used) + ".dat")).string();
            parts.push_back(gp.file1d(std::tie(p.N[used], p.mean[used], p.lo[used], p.hi[used]), file) +
                            "using 1:2:3:4 with yerrorbars " + style[used] + " pointsize 1.3 linecolor 1 title " +
                            gnuplot_string(name[used]));
        }
        if (data.fit) {
            parts.push_back(gnuplot_number(data.fit->prefactor) + " * x**(" + gnuplot_number(data.fit->exponent) +
                            ") with lines linewidth 2 linecolor 2 title " +
                            gnuplot_string("fit C N^p, p = " + short_number(data.fit->exponent)));
        }
        parts.push_back(gnuplot_number(p.anchor_mean) + " * (x / " + gnuplot_number(p.anchor_N) + ")**(" +
                        gnuplot_number(data.theory_exponent) + ") with lines dashtype 2 linewidth 2 linecolor 7 title " +
                        gnuplot_string("theory slope N^" + short_number(data.theory_exponent)));
        std::string plot = "plot ";
        for (std::size_t k = 0; k < parts.size(); ++k) plot += (k ? ", \\\n  " : "") + parts[k];
        gp << plot << "\n";
    });
    return files;
}

}  // namespace mfv::io
