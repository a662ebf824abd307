// plot_rate (plots.hpp): |mean| against N on log-log axes with interval bars (filled
// symbols for the N the fit used, open for the others), the fitted law C N^p, and the
// theory slope A (N/N*)^t anchored at the largest fitted N*, with A = |mean| at N*.
// Every plotted N is a labelled tic of the N axis; the |mean| axis is labelled at 1-2-5 (or
// 1..9) times powers of ten, so that a span of less than a decade still reads.
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

// Sorts the N into drawable points. A lower bar end <= 0 cannot be drawn on a log axis: it is
// recorded as 0 here and moved to the bottom of the plot once the y range is known.
rate_points split_points(const rate_plot_data& d) {
    rate_points p;
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
        p.lo[used].push_back(std::max(d.lower[k], 0.0));
        p.hi[used].push_back(d.upper[k]);
    }
    const int anchor_set = p.N[0].empty() ? 1 : 0;
    if (p.N[anchor_set].empty()) throw std::invalid_argument("plot_rate: no N with a positive, finite |mean|");
    const auto last = std::max_element(p.N[anchor_set].begin(), p.N[anchor_set].end()) - p.N[anchor_set].begin();
    p.anchor_N = p.N[anchor_set][last];
    p.anchor_mean = p.mean[anchor_set][last];
    return p;
}

// The plotted N, ascending and distinct.
std::vector<double> plotted_n(const rate_points& p) {
    std::vector<double> ns(p.N[0]);
    ns.insert(ns.end(), p.N[1].begin(), p.N[1].end());
    std::sort(ns.begin(), ns.end());
    ns.erase(std::unique(ns.begin(), ns.end()), ns.end());
    return ns;
}

// The N axis: a factor 1.5 of room on either side, and a labelled tic at every plotted N
// (gnuplot's own log tics label only powers of ten, often one of them). The labels are
// turned by 45 degrees when two neighbours would overlap upright: about 7 pixels a character
// for the default font, on a plot area of about 85% of the figure's width.
std::string x_axis(const std::vector<double>& ns, const plot_settings& settings) {
    const double lo = ns.front() / 1.5, hi = ns.back() * 1.5;
    const double pixels_per_decade = 0.85 * settings.width / std::log10(hi / lo);
    bool crowded = false;
    std::string tics;
    for (std::size_t k = 0; k < ns.size(); ++k) {
        const std::string label = short_number(ns[k], 10);
        tics += (k ? ", " : "") + gnuplot_string(label) + " " + gnuplot_number(ns[k]);
        if (k > 0) {
            const double room = pixels_per_decade * std::log10(ns[k] / ns[k - 1]);
            const double needed = 7.0 * (short_number(ns[k - 1], 10).size() + label.size()) / 2 + 10;
            crowded = crowded || room < needed;
        }
    }
    return "set xrange [" + gnuplot_number(lo) + ":" + gnuplot_number(hi) + "]\nset xtics (" + tics + ")" +
           (crowded ? " rotate by 45 right" : "") + "\n";
}

// The |mean| axis: the bars, the means, and both lines at the ends of the N axis, with a
// fifth of the span as margin above and below, and at least a factor 4 in all. Tics are
// labelled at m 10^k for the sparsest mantissas m among {1}, {1, 2, 5}, {1, ..., 9} that
// give at least four labels (a factor 4 always holds three of {1, ..., 9} 10^k). Lower bar
// ends recorded as 0 are moved to the bottom of this range.
std::string y_axis(rate_points& p, const rate_plot_data& d, const std::vector<double>& ns) {
    double lo = std::numeric_limits<double>::infinity(), hi = 0.0;
    const auto take = [&](double y) {
        if (!(y > 0 && std::isfinite(y))) return;
        lo = std::min(lo, y);
        hi = std::max(hi, y);
    };
    for (int used = 0; used < 2; ++used) {
        for (std::size_t k = 0; k < p.N[used].size(); ++k) {
            take(p.mean[used][k]);
            take(p.lo[used][k]);
            take(p.hi[used][k]);
        }
    }
    for (double n : {ns.front() / 1.5, ns.back() * 1.5}) {
        if (d.fit) take(d.fit->prefactor * std::pow(n, d.fit->exponent));
        take(p.anchor_mean * std::pow(n / p.anchor_N, d.theory_exponent));
    }
    const double margin = std::pow(hi / lo, 0.2);
    const double widen = std::sqrt(std::max(1.0, 4.0 / (hi / lo * margin * margin)));
    lo /= margin * widen;
    hi *= margin * widen;
    for (auto& bars : p.lo) std::replace(bars.begin(), bars.end(), 0.0, lo);

    const std::vector<std::vector<double>> mantissas = {{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
    std::vector<double> tics;
    for (const auto& ms : mantissas) {
        tics.clear();
        for (int e = int(std::floor(std::log10(lo))); e <= int(std::ceil(std::log10(hi))); ++e) {
            for (double m : ms) {
                const double y = m * std::pow(10.0, e);
                if (lo <= y && y <= hi) tics.push_back(y);
            }
        }
        if (tics.size() >= 4) break;
    }
    std::string list;
    for (std::size_t k = 0; k < tics.size(); ++k) {
        list += (k ? ", " : "") + gnuplot_string(short_number(tics[k])) + " " + gnuplot_number(tics[k]);
    }
    return "set yrange [" + gnuplot_number(lo) + ":" + gnuplot_number(hi) + "]\nset ytics (" + list +
           ")\n";
}
}  // namespace

plot_files plot_rate(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                     const rate_plot_data& data, const plot_settings& settings) {
    check_rate_data(data);
    rate_points p = split_points(data);
    const std::vector<double> ns = plotted_n(p);
    const std::string axes = x_axis(ns, settings) + y_axis(p, data, ns);
    const plot_files files = detail::output_files(dir, basename);
    detail::run_gnuplot(settings, files, [&](gnuplotio::Gnuplot& gp, const std::filesystem::path& scratch) {
        gp << "set title " << gnuplot_string(title) << "\n"
           << "set logscale xy\nset xlabel \"N\"\nset ylabel " << gnuplot_string(data.ylabel) << "\n"
           << axes << "set grid\nset key top right\nset samples 400\n"
           << "set style textbox opaque noborder\n"
           << "set label 1 " << gnuplot_string(data.exponent_text + p.not_drawn)
           << " at graph 0.03, 0.14 left front boxed\n";
        std::vector<std::string> parts;
        const char* style[2] = {"pointtype 7", "pointtype 6"};
        const std::string name[2] = {data.points_title, "not used in the fit"};
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
                        gnuplot_string(data.theory_title.empty() ? "theory slope N^" + short_number(data.theory_exponent)
                                                                 : data.theory_title));
        std::string plot = "plot ";
        for (std::size_t k = 0; k < parts.size(); ++k) plot += (k ? ", \\\n  " : "") + parts[k];
        gp << plot << "\n";
    });
    return files;
}

}  // namespace mfv::io
