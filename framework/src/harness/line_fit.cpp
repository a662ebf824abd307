#include <mfv/harness/line_fit.hpp>

#include <stdexcept>

namespace mfv::harness {

line fit_line(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size() || x.size() < 2) {
        throw std::invalid_argument("a line fit needs at least two (x, y) pairs");
    }
    const double n = x.size();
    double xbar = 0.0, ybar = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        xbar += x[k];
        ybar += y[k];
    }
    xbar /= n;
    ybar /= n;
    double sxy = 0.0, sxx = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        sxy += (x[k] - xbar) * (y[k] - ybar);
        sxx += (x[k] - xbar) * (x[k] - xbar);
    }
    if (!(sxx > 0.0)) throw std::invalid_argument("a line fit needs at least two distinct x");
    const double slope = sxy / sxx;
    return {ybar - slope * xbar, slope};
}

}  // namespace mfv::harness
