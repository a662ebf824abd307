#include <mfv/flow/stiffness.hpp>

#include <mfv/core/random_stream.hpp>

#include <cmath>
#include <limits>

namespace mfv::flow {

namespace {

double norm(const state& v) {
    long double s = 0.0L;
    for (double a : v) s += static_cast<long double>(a) * a;
    return std::sqrt(static_cast<double>(s));
}

}  // namespace

double stiffest_rate(const system_fn& drift, const state& x, int iterations) {
    const std::size_t m = x.size();
    if (m == 0) return 0.0;
    // A fixed pseudo-random start (the same for every run): it has a component on the
    // stiffest mode with probability one.
    state v(m);
    random_stream(0x5eed, m, 0, stream_purpose::initial_positions).normal(0, v);
    double scale = 0.0;
    for (double a : x) scale = std::max(scale, std::abs(a));
    state xp(m), xm(m), bp(m), bm(m), w(m);
    double lambda = 0.0;
    for (int it = 0; it < iterations; ++it) {
        const double nv = norm(v);
        if (!(nv > 0.0)) return lambda;
        for (double& a : v) a /= nv;
        // Centred difference with a step of about eps^(1/3) of the coordinates' size.
        const double eps = 6e-6 * std::max(1.0, scale);
        for (std::size_t q = 0; q < m; ++q) {
            xp[q] = x[q] + eps * v[q];
            xm[q] = x[q] - eps * v[q];
        }
        drift(xp, bp, 0.0);
        drift(xm, bm, 0.0);
        for (std::size_t q = 0; q < m; ++q) w[q] = (bp[q] - bm[q]) / (2.0 * eps);
        lambda = norm(w);
        v.swap(w);
    }
    return lambda;
}

double stability_interval(const std::string& method) {
    if (method == "euler_maruyama") return 2.0;
    if (method == "rk4") return 2.785;
    return std::numeric_limits<double>::infinity();
}

}  // namespace mfv::flow
