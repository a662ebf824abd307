// plot_envelope (plots.hpp): a quantity per N against t on a log axis, with its bound.
#include <mfv/io/plots.hpp>
#include <mfv/io/plots_gnuplot.hpp>

#include <gnuplot-iostream.h>

#include <cmath>
#include <stdexcept>
#include <tuple>

namespace mfv::io {

plot_files plot_envelope(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                         const envelope_plot_data& data, const plot_settings& settings) {
    using detail::gnuplot_string;
    if (data.curves.empty()) throw std::invalid_argument("plot_envelope: no curves to draw");
    // The positive points of each curve (a log axis).
    const auto positive = [](const std::vector<double>& t, const std::vector<double>& v) {
        std::vector<double> x, y;
        for (std::size_t k = 0; k < t.size(); ++k)
            if (std::isfinite(v[k]) && v[k] > 0.0 && std::isfinite(t[k])) x.push_back(t[k]), y.push_back(v[k]);
        return std::make_pair(x, y);
    };
    std::vector<std::pair<std::vector<double>, std::vector<double>>> values, bounds;
    bool any = false;
    for (const auto& c : data.curves) {
        if (c.t.size() != c.value.size() || c.t.size() != c.bound.size())
            throw std::invalid_argument("plot_envelope: N = " + std::to_string(c.N) + ": t, value and bound differ in size");
        values.push_back(positive(c.t, c.value));
        bounds.push_back(positive(c.t, c.bound));
        any = any || !values.back().first.empty();
    }
    if (!any) throw std::invalid_argument("plot_envelope: no positive value to draw");
    const plot_files files = detail::output_files(dir, basename);
    detail::run_gnuplot(settings, files, [&](gnuplotio::Gnuplot& gp, const std::filesystem::path& scratch) {
        gp << "set title " << gnuplot_string(title) << "\n"
           << "set xlabel \"t\"\nset ylabel " << gnuplot_string(data.ylabel) << "\n"
           << "set logscale y\nset format y \"%.0e\"\nset grid\n"
           << "set key outside right top\n";
        if (!data.text.empty())
            gp << "set label 1 " << gnuplot_string(data.text) << " at graph 0.02, graph 0.06 left front\n";
        std::string plot = "plot ";
        bool first = true;
        for (std::size_t k = 0; k < data.curves.size(); ++k) {
            const std::string colour = " linecolor " + std::to_string(k + 1);
            const std::string n = std::to_string(data.curves[k].N);
            if (!values[k].first.empty()) {
                const std::string file = (scratch / ("value" + std::to_string(k) + ".dat")).string();
                plot += std::string(first ? "" : ", \\\n  ") + gp.file1d(std::tie(values[k].first, values[k].second), file) +
                        "using 1:2 with linespoints pointtype 7 pointsize 0.6" + colour + " title " +
                        gnuplot_string("N = " + n);
                first = false;
            }
            if (!bounds[k].first.empty()) {
                const std::string file = (scratch / ("bound" + std::to_string(k) + ".dat")).string();
                plot += std::string(first ? "" : ", \\\n  ") + gp.file1d(std::tie(bounds[k].first, bounds[k].second), file) +
                        "using 1:2 with lines dashtype 2 linewidth 2" + colour + " notitle";
                first = false;
            }
        }
        // One key entry for all the bounds: dashed, in the colour of its N.
        plot += ", \\\n  NaN with lines dashtype 2 linewidth 2 linecolor rgb \"black\" title " +
                gnuplot_string(data.bound_name);
        gp << plot << "\n";
    });
    return files;
}

}  // namespace mfv::io
