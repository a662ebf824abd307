#include <mfv/harness/line_fit.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mfv::harness {

namespace {
double average(std::span<const double> v) {
    double sum = 0.0;
    for (double x : v) sum += x;
    return sum / v.size();
}
}  // namespace

line fit_line(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size() || x.size() < 2) {
        throw std::invalid_argument("a line fit needs at least two (x, y) pairs");
    }
    const double xbar = average(x), ybar = average(y);
    double sxy = 0.0, sxx = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        sxy += (x[k] - xbar) * (y[k] - ybar);
        sxx += (x[k] - xbar) * (x[k] - xbar);
    }
    if (!(sxx > 0.0)) throw std::invalid_argument("a line fit needs at least two distinct x");
    const double slope = sxy / sxx;
    return {ybar - slope * xbar, slope};
}

line_scatter scatter_about(std::span<const double> x, std::span<const double> y, const line& fitted) {
    if (x.size() != y.size() || x.size() < 3) {
        throw std::invalid_argument("the scatter about a line needs at least three (x, y) pairs");
    }
    const double xbar = average(x), ybar = average(y);
    double ssr = 0.0, sxx = 0.0, scale = 0.0, xmax = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        const double r = (y[k] - ybar) - fitted.slope * (x[k] - xbar);
        ssr += r * r;
        sxx += (x[k] - xbar) * (x[k] - xbar);
        scale = std::max(scale, std::abs(y[k]));
        xmax = std::max(xmax, std::abs(x[k]));
    }
    if (!(sxx > 0.0)) throw std::invalid_argument("the scatter about a line needs at least two distinct x");
    line_scatter s;
    s.dof = x.size() - 2;
    s.residual_sd = std::sqrt(ssr / s.dof);
    const double rounding =
        64 * std::numeric_limits<double>::epsilon() * (1.0 + scale + std::abs(fitted.slope) * xmax);
    if (s.residual_sd <= rounding) s.residual_sd = 0.0;
    s.slope_standard_error = s.residual_sd / std::sqrt(sxx);
    return s;
}

}  // namespace mfv::harness
