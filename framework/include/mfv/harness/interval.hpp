// A closed interval [lo, hi], the percentile interval of a sample (the bootstrap's
// confidence interval), the Student t interval of an estimate with a standard error, and the
// hull of two intervals.
#pragma once
#include <cstddef>
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

// The two-sided Student t interval at confidence `level`:
//   [c - t se, c + t se],   t = the (1 + level)/2 quantile of Student's t with `dof` degrees
// of freedom (boost::math::students_t). Throws std::invalid_argument for dof = 0, a level
// outside (0, 1), a negative or non-finite se or a non-finite centre.
interval student_interval(double centre, double standard_error, std::size_t dof, double level);

// The smallest interval holding both: [min(a.lo, b.lo), max(a.hi, b.hi)].
interval hull(const interval& a, const interval& b);

}  // namespace mfv::harness
