// A closed interval [lo, hi] and the percentile interval of a sample (the bootstrap's
// confidence interval).
#pragma once
#include <span>
#include <vector>

namespace mfv::harness {

struct interval {
    double lo = 0.0;
    double hi = 0.0;
    bool contains(double x) const { return lo <= x && x <= hi; }
    double width() const { return hi - lo; }
};

// The q-quantile of an ascending sample x_(0) <= ... <= x_(n-1), interpolated linearly
// between order statistics (Hyndman-Fan type 7, R's and NumPy's default):
//   h = (n - 1) q,  Q(q) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)).
double quantile_sorted(std::span<const double> sorted, double q);

// The central percentile interval at confidence `level`: [Q((1 - level)/2), Q((1 + level)/2)].
// The sample must be non-empty and finite (throws std::invalid_argument otherwise).
interval percentile_interval(std::vector<double> sample, double level);

}  // namespace mfv::harness
