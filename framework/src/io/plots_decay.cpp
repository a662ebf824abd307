// plot_decay (plots.hpp): |m(t) - B| per N on a log axis with the fitted exponentials and
// the predicted slope.
#include <mfv/io/plots.hpp>
#include <mfv/io/plots_gnuplot.hpp>

#include <gnuplot-iostream.h>

#include <cmath>
#include <stdexcept>
#include <tuple>

namespace mfv::io {

plot_files plot_decay(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                      const decay_plot_data& data, const plot_settings& settings) {
    using detail::gnuplot_number;
    using detail::gnuplot_string;
    if (data.curves.empty()) throw std::invalid_argument("plot_decay: no curves to draw");
    // The points above the plateau, per N (a log axis draws positive values only).
    std::vector<std::pair<std::vector<double>, std::vector<double>>> points;
    for (const auto& c : data.curves) {
        if (c.t.size() != c.mean.size())
            throw std::invalid_argument("plot_decay: N = " + std::to_string(c.N) + ": t and mean differ in size");
        std::vector<double> t, y;
        for (std::size_t k = 0; k < c.t.size(); ++k) {
            const double v = std::abs(c.mean[k] - (c.fitted ? c.B : 0.0));
            if (std::isfinite(v) && v > 0.0 && std::isfinite(c.t[k])) t.push_back(c.t[k]), y.push_back(v);
        }
        points.emplace_back(std::move(t), std::move(y));
    }
    bool any = false;
    for (const auto& p : points) any = any || !p.first.empty();
    if (!any) throw std::invalid_argument("plot_decay: no point above the plateau to draw");
    const plot_files files = detail::output_files(dir, basename);
    detail::run_gnuplot(settings, files, [&](gnuplotio::Gnuplot& gp, const std::filesystem::path& scratch) {
        gp << "set title " << gnuplot_string(title) << "\n"
           << "set xlabel \"t\"\nset ylabel " << gnuplot_string(data.ylabel) << "\n"
           << "set logscale y\nset format y \"%.0e\"\nset key outside right top\nset grid\n";
        if (!data.text.empty())
            gp << "set label 1 " << gnuplot_string(data.text) << " at graph 0.02, graph 0.06 left front\n";
        std::string plot = "plot ";
        bool first = true;
        for (std::size_t k = 0; k < data.curves.size(); ++k) {
            const auto& c = data.curves[k];
            const std::string colour = " linecolor " + std::to_string(k + 1);
            if (!points[k].first.empty()) {
                const std::string file = (scratch / ("decay" + std::to_string(k) + ".dat")).string();
                plot += std::string(first ? "" : ", \\\n  ") + gp.file1d(std::tie(points[k].first, points[k].second), file) +
                        "using 1:2 with points pointtype 7 pointsize 0.6" + colour + " title " +
                        gnuplot_string("N = " + std::to_string(c.N));
                first = false;
            }
            if (c.fitted && c.A != 0.0) {
                plot += std::string(first ? "" : ", \\\n  ") + "[" + gnuplot_number(c.t_begin) + ":" +
                        gnuplot_number(c.t_end) + "] " + gnuplot_number(std::abs(c.A)) + "*exp(-" +
                        gnuplot_number(c.lambda) + "*x) with lines linewidth 2" + colour + " notitle";
                first = false;
            }
        }
        const auto& last = data.curves.back();
        if (data.predicted_rate && last.fitted && last.A != 0.0) {
            // exp(-lambda_pred (t - t0)) through the largest N's fit at t0.
            const double y0 = std::abs(last.A) * std::exp(-last.lambda * last.t_begin);
            plot += std::string(first ? "" : ", \\\n  ") + "[" + gnuplot_number(last.t_begin) + ":" +
                    gnuplot_number(last.t_end) + "] " + gnuplot_number(y0) + "*exp(-" +
                    gnuplot_number(*data.predicted_rate) + "*(x-" + gnuplot_number(last.t_begin) +
                    ")) with lines dashtype 2 linewidth 2 linecolor rgb \"black\" title " +
                    gnuplot_string("predicted rate " + gnuplot_number(*data.predicted_rate).substr(0, 8));
        }
        gp << plot << "\n";
    });
    return files;
}

}  // namespace mfv::io
