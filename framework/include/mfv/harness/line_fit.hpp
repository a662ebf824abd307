// Ordinary least squares for a straight line y = a + b x, the fit behind every power law of
// the harness (y = log|mean|, x = log N). With centred sums, for stability,
//   b = sum_k (x_k - xbar)(y_k - ybar) / sum_k (x_k - xbar)^2,   a = ybar - b xbar.
//
// The scatter of the n points about the line (the lack of fit, when the y_k are means whose
// own noise is much smaller) is measured by the residuals r_k = (y_k - ybar) - b (x_k - xbar):
//   s^2 = SSR / (n - 2),   SSR = sum_k r_k^2,          (residual variance, n - 2 dof)
//   se(b) = s / sqrt(Sxx),  Sxx = sum_k (x_k - xbar)^2  (OLS standard error of the slope).
#pragma once
#include <cstddef>
#include <span>

namespace mfv::harness {

struct line {
    double intercept = 0.0;
    double slope = 0.0;
};

// Needs at least two points with distinct x (throws std::invalid_argument otherwise).
line fit_line(std::span<const double> x, std::span<const double> y);

// s, se(b) and the degrees of freedom n - 2 of the fit `fitted` of (x, y).
struct line_scatter {
    double residual_sd = 0.0;
    double slope_standard_error = 0.0;
    std::size_t dof = 0;
};

// Needs at least three points with distinct x (throws std::invalid_argument otherwise).
// Residuals no larger than the rounding of the data, i.e. s <= 64 eps (1 + max_k |y_k|
// + |b| max_k |x_k|), are no scatter: s and se(b) are then exactly 0, so that exact data
// keep a degenerate interval.
line_scatter scatter_about(std::span<const double> x, std::span<const double> y, const line& fitted);

}  // namespace mfv::harness
