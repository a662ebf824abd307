// plot_time_series (plots.hpp): per N, the ensemble mean of an observable against t on a
// linear axis, with its sign, inside a translucent band [lower, upper]; y = 0 dashed.
#include <mfv/io/plots.hpp>
#include <mfv/io/plots_gnuplot.hpp>

#include <gnuplot-iostream.h>

#include <cmath>
#include <stdexcept>
#include <tuple>

namespace mfv::io {

namespace {
void check_series(std::span<const series_band> series) {
    if (series.empty()) throw std::invalid_argument("plot_time_series: no series to draw");
    for (const series_band& s : series) {
        const std::string at = "plot_time_series: N = " + std::to_string(s.N);
        const std::size_t n = s.t.size();
        if (n == 0) throw std::invalid_argument(at + ": no output times");
        if (s.mean.size() != n || s.lower.size() != n || s.upper.size() != n) {
            throw std::invalid_argument(at + ": t, mean, lower, upper have sizes " + std::to_string(n) + ", " +
                                        std::to_string(s.mean.size()) + ", " + std::to_string(s.lower.size()) +
                                        ", " + std::to_string(s.upper.size()));
        }
        for (std::size_t k = 0; k < n; ++k) {
            if (!std::isfinite(s.t[k]) || !std::isfinite(s.mean[k]) || !std::isfinite(s.lower[k]) ||
                !std::isfinite(s.upper[k])) {
                throw std::invalid_argument(at + ": a value at index " + std::to_string(k) + " is not finite");
            }
        }
    }
}
}  // namespace

plot_files plot_time_series(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                            const std::string& ylabel, std::span<const series_band> series,
                            const plot_settings& settings) {
    using detail::gnuplot_string;
    check_series(series);
    const plot_files files = detail::output_files(dir, basename);
    detail::run_gnuplot(settings, files, [&](gnuplotio::Gnuplot& gp, const std::filesystem::path& scratch) {
        gp << "set title " << gnuplot_string(title) << "\n"
           << "set xlabel " << gnuplot_string(settings.xlabel) << "\nset ylabel " << gnuplot_string(ylabel) << "\n"
           << "set key outside right top\nset grid\n"
           << "set xzeroaxis linecolor rgb \"#707070\" dashtype 2 linewidth 1\n"
           << "set style fill transparent solid 0.2 noborder\n";
        std::string plot = "plot ";
        for (std::size_t k = 0; k < series.size(); ++k) {
            const series_band& s = series[k];
            const std::string file = (scratch / ("series" + std::to_string(k) + ".dat")).string();
            const std::string data = gp.file1d(std::tie(s.t, s.mean, s.lower, s.upper), file);
            const std::string colour = " linecolor " + std::to_string(k + 1);
            if (k > 0) plot += ", \\\n  ";
            plot += data + "using 1:3:4 with filledcurves" + colour + " notitle, \\\n  ";
            plot += data + "using 1:2 with lines linewidth 2" + colour + " title " +
                    gnuplot_string("N = " + std::to_string(s.N));
        }
        gp << plot << "\n";
    });
    return files;
}

}  // namespace mfv::io
