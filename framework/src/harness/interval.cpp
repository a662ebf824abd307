#include <mfv/harness/interval.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mfv::harness {

double quantile_sorted(std::span<const double> sorted, double q) {
    if (sorted.empty()) throw std::invalid_argument("quantile of an empty sample");
    const double h = (sorted.size() - 1) * q;
    const std::size_t k = static_cast<std::size_t>(std::floor(h));
    if (k + 1 >= sorted.size()) return sorted.back();
    return sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]);
}

interval percentile_interval(std::vector<double> sample, double level) {
    if (sample.empty()) throw std::invalid_argument("percentile interval of an empty sample");
    if (!std::all_of(sample.begin(), sample.end(), [](double x) { return std::isfinite(x); })) {
        throw std::invalid_argument("percentile interval of a sample with a non-finite value");
    }
    std::sort(sample.begin(), sample.end());
    return {quantile_sorted(sample, (1.0 - level) / 2.0), quantile_sorted(sample, (1.0 + level) / 2.0)};
}

interval student_interval(double centre, double standard_error, std::size_t dof, double level) {
    if (dof == 0) throw std::invalid_argument("Student t interval with 0 degrees of freedom");
    if (!(level > 0.0 && level < 1.0)) throw std::invalid_argument("Student t interval: level outside (0, 1)");
    if (!std::isfinite(centre) || !(standard_error >= 0.0 && std::isfinite(standard_error))) {
        throw std::invalid_argument("Student t interval: centre or standard error not finite, or se < 0");
    }
    const boost::math::students_t law(static_cast<double>(dof));
    const double t = boost::math::quantile(boost::math::complement(law, (1.0 - level) / 2.0));
    return {centre - t * standard_error, centre + t * standard_error};
}

interval hull(const interval& a, const interval& b) { return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)}; }

}  // namespace mfv::harness
