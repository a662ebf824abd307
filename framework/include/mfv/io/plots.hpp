// The figures of a run, drawn by gnuplot through gnuplot-iostream and written three times:
// as PNG (pngcairo), SVG and PDF (pdfcairo, vector, for papers), into `dir` as
// <basename>.png, <basename>.svg and <basename>.pdf.
//
// The functions take plain numbers; they know nothing of studies or harnesses.
//   plot_time_series: for each N the ensemble mean of an observable against t, e.g. F_N(t)
//       WITH its sign on a linear axis (MATH.md section 7: the sign tells iid from
//       well-spread starts), with a band around it (mean +- std, or a quantile band).
//   plot_rate: |mean| against N on log-log axes with interval bars, the fitted power law
//       C N^p, and a line of the theory slope N^t anchored at the largest N of the fit. The N
//       axis has a labelled tic at every plotted N, the |mean| axis at 1-2-5 (or 1..9) times
//       powers of ten.
//
// Errors: bad data throws std::invalid_argument naming the N and index; a gnuplot that
// fails (not found, exit status not 0, a warning, or a file missing or empty after gnuplot
// has exited) throws std::runtime_error carrying gnuplot's own message. Output files are
// removed before gnuplot runs, so a failure never leaves an old figure looking current.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mfv::io {

// The gnuplot executable CMake found (the MFV_GNUPLOT macro).
std::string default_gnuplot();

struct plot_settings {
    // Path (or name on PATH) of the gnuplot executable.
    std::string gnuplot = default_gnuplot();
    int width = 900;
    int height = 600;
    std::string font = "sans,11";
    // The horizontal axis of plot_time_series (its "time" may be another variable).
    std::string xlabel = "t";
};

struct plot_files {
    std::filesystem::path png;
    std::filesystem::path svg;
    std::filesystem::path pdf;
};

// One N: at the output times t_k the ensemble mean and the band [lower_k, upper_k].
struct series_band {
    std::uint64_t N = 0;
    std::vector<double> t;
    std::vector<double> mean;
    std::vector<double> lower;
    std::vector<double> upper;
};

plot_files plot_time_series(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                            const std::string& ylabel, std::span<const series_band> series,
                            const plot_settings& settings = {});

// The fitted law C N^p.
struct power_line {
    double prefactor = 1.0;
    double exponent = 0.0;
};

// The rate figure's data, one entry per N in N, mean_abs, lower, upper.
struct rate_plot_data {
    std::vector<double> N;
    // |mean| of the statistic and the interval bar of |mean| (e.g. the bootstrap interval
    // of the mean, in absolute value). A lower end <= 0 cannot be drawn on a log axis: the bar
    // then runs to the bottom of the plot. An N with |mean| <= 0 or not finite is not drawn,
    // and the exponent text says so.
    std::vector<double> mean_abs;
    std::vector<double> lower;
    std::vector<double> upper;
    // Which N the fit used (drawn filled; the others open). Empty: all.
    std::vector<bool> in_fit;
    // Absent when there is no fit (fewer than two usable N).
    std::optional<power_line> fit;
    double theory_exponent = 0.0;
    // Shown in the figure, e.g. "p = -0.657 [-0.722, -0.593], theory -0.667"; may hold
    // several lines separated by '\n'.
    std::string exponent_text;
    std::string ylabel = "|mean|";
    // Key entries of the points and of the theory line ("" : "theory slope N^t").
    std::string points_title = "|mean| and 95% interval";
    std::string theory_title;
};

plot_files plot_rate(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                     const rate_plot_data& data, const plot_settings& settings = {});

// plot_decay: for each N the ensemble mean minus the fitted plateau, |m(t) - B_N|, on a log
// axis against t (points), the fitted A_N e^(-lambda_N t) (solid line over the fit window)
// and, when a rate is predicted, a dashed line of that slope anchored at the largest N's fit
// at the window's start. Points with |m - B| <= 0 are not drawn (log axis).
struct decay_curve {
    std::uint64_t N = 0;
    std::vector<double> t;
    std::vector<double> mean;
    // The fit: m(t) ~ A e^(-lambda t) + B on [t_begin, t_end]; absent when it did not converge.
    bool fitted = false;
    double A = 0.0, lambda = 0.0, B = 0.0, t_begin = 0.0, t_end = 0.0;
};
struct decay_plot_data {
    std::vector<decay_curve> curves;
    std::optional<double> predicted_rate;
    std::string ylabel = "|mean - B|";
    std::string text;
};

plot_files plot_decay(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                      const decay_plot_data& data, const plot_settings& settings = {});

// plot_envelope: for each N a quantity against t on a log axis (points joined by lines,
// e.g. the mean of |F_N(t)|) and its bound (a dashed line of the same colour, e.g. the
// Gronwall envelope (|F_N(0)| + C1 N^(s/d-1)) e^(C2 t)). Non-positive values are not drawn.
struct envelope_curve {
    std::uint64_t N = 0;
    std::vector<double> t;
    std::vector<double> value;
    std::vector<double> bound;
};
struct envelope_plot_data {
    std::vector<envelope_curve> curves;
    std::string ylabel = "|F_N(t)|";
    std::string bound_name = "envelope";
    std::string text;
};

plot_files plot_envelope(const std::filesystem::path& dir, const std::string& basename, const std::string& title,
                         const envelope_plot_data& data, const plot_settings& settings = {});

}  // namespace mfv::io
