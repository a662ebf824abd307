// Neumaier's compensated sum of term(0), ..., term(n-1) in index order, in double: error
// <= 2 eps sum|term_i| + O(n eps^2), and the same bits whatever computed the terms. The
// evaluators' energies (direct, Ewald, PME) add their per-particle sums with it. Private
// to the interaction module.
#pragma once
#include <cmath>
#include <cstddef>

namespace mfv::interaction::detail {

template <class F>
double neumaier_sum(std::size_t n, F&& term) {
    double sum = 0.0, carry = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = term(i);
        const double t = sum + v;
        carry += std::abs(sum) >= std::abs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
    }
    return sum + carry;
}

}  // namespace mfv::interaction::detail
