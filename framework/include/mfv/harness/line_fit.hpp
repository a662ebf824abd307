// Ordinary least squares for a straight line y = a + b x, the fit behind every power law of
// the harness (y = log|mean|, x = log N). With centred sums, for stability,
//   b = sum_k (x_k - xbar)(y_k - ybar) / sum_k (x_k - xbar)^2,   a = ybar - b xbar.
#pragma once
#include <span>

namespace mfv::harness {

struct line {
    double intercept = 0.0;
    double slope = 0.0;
};

// Needs at least two points with distinct x (throws std::invalid_argument otherwise).
line fit_line(std::span<const double> x, std::span<const double> y);

}  // namespace mfv::harness
