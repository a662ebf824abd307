#include <mfv/energy/stress_tensor.hpp>

#include <mfv/core/error.hpp>

#include "../meanfield/fftw_support.hpp"

#include <complex>
#include <numbers>

namespace mfv::energy {

namespace {

namespace fx = meanfield::detail;
constexpr double pi = std::numbers::pi;

struct grid_shape {
    int d, n;
    std::size_t points() const {
        std::size_t p = 1;
        for (int a = 0; a < d; ++a) p *= static_cast<std::size_t>(n);
        return p;
    }
    std::size_t modes() const { return points() / static_cast<std::size_t>(n) * static_cast<std::size_t>(n / 2 + 1); }
    // The wave vector of r2c entry e; false on a Nyquist index (n even, |k_a| = n/2).
    bool wave_vector(std::size_t e, int* k) const {
        fx::r2c_wave_vector(d, n, e, k);
        for (int a = 0; a < d; ++a)
            if (n % 2 == 0 && std::abs(k[a]) == n / 2) return false;
        return true;
    }
};

void check(const kernel::riesz_kernel& g, int n, std::size_t size, const char* what) {
    if (!g.is_coulomb() || (g.d() != 2 && g.d() != 3))
        throw input_error("stress tensor: the Coulomb kernel in d = 2 or 3 is needed, not " + g.describe());
    if (n < 2) throw input_error("stress tensor: grid n = " + std::to_string(n) + " must be >= 2");
    if (size != grid_shape{g.d(), n}.points())
        throw input_error(std::string("stress tensor: ") + what + " has " + std::to_string(size) +
                          " values, not n^d for n = " + std::to_string(n));
}

// The grid values of the derivatives d_b u (b = 0..d-1) of a grid function u with Fourier
// multiplier `symbol` (u^ -> symbol(k) u^ first), by one forward and d inverse FFTs.
template <class Symbol>
std::vector<std::vector<double>> gradient(const grid_shape& s, const std::vector<double>& u, Symbol symbol) {
    auto in = fx::fftw_zeros<double>(s.points());
    auto spec = fx::fftw_zeros<std::complex<double>>(s.modes());
    auto work = fx::fftw_zeros<std::complex<double>>(s.modes());
    const auto forward = fx::plan_r2c(s.d, s.n, in.get(), spec.get());
    const auto backward = fx::plan_c2r(s.d, s.n, work.get(), in.get());
    std::copy(u.begin(), u.end(), in.get());
    fftw_execute(forward.get());
    const double scale = 1.0 / static_cast<double>(s.points());
    std::vector<std::vector<double>> out(s.d, std::vector<double>(s.points()));
    int k[3] = {0, 0, 0};
    for (int b = 0; b < s.d; ++b) {
        for (std::size_t e = 0; e < s.modes(); ++e) {
            work[e] = 0.0;
            if (!s.wave_vector(e, k)) continue;
            work[e] = std::complex<double>(0.0, 2.0 * pi * k[b]) * symbol(k) * spec[e] * scale;
        }
        fftw_execute_dft_c2r(backward.get(), fx::as_fftw(work.get()), in.get());
        std::copy(in.get(), in.get() + s.points(), out[b].begin());
    }
    return out;
}

// grad h for h = G * f: h^(k) = c_d |2 pi k|^-2 f^(k), h^(0) = 0 (the mean of f dropped).
std::vector<std::vector<double>> potential_gradient(const kernel::riesz_kernel& g, int n, const std::vector<double>& f) {
    const grid_shape s{g.d(), n};
    const double c = g.fourier_constant();
    return gradient(s, f, [&](const int* k) {
        double k2 = 0.0;
        for (int a = 0; a < s.d; ++a) k2 += double(k[a]) * k[a];
        return k2 == 0.0 ? 0.0 : c / (4.0 * pi * pi * k2);
    });
}

}  // namespace

std::vector<std::vector<double>> stress_tensor(const kernel::riesz_kernel& g, int n, const std::vector<double>& f) {
    check(g, n, f.size(), "f");
    const int d = g.d();
    const auto dh = potential_gradient(g, n, f);
    const std::size_t points = f.size();
    std::vector<std::vector<double>> t(d * d, std::vector<double>(points));
    for (std::size_t p = 0; p < points; ++p) {
        double grad2 = 0.0;
        for (int a = 0; a < d; ++a) grad2 += dh[a][p] * dh[a][p];
        for (int a = 0; a < d; ++a)
            for (int b = 0; b < d; ++b) t[a * d + b][p] = 2.0 * dh[a][p] * dh[b][p] - (a == b ? grad2 : 0.0);
    }
    return t;
}

double tensor_commutator(const kernel::riesz_kernel& g, int n, const std::vector<double>& f,
                         const std::vector<std::vector<double>>& v) {
    check(g, n, f.size(), "f");
    const int d = g.d();
    if (v.size() != static_cast<std::size_t>(d))
        throw input_error("stress tensor: v has " + std::to_string(v.size()) + " components, not d = " + std::to_string(d));
    for (const auto& c : v) check(g, n, c.size(), "a component of v");
    const auto t = stress_tensor(g, n, f);
    const grid_shape s{d, n};
    long double sum = 0.0L;
    for (int a = 0; a < d; ++a) {
        // Row a of Dv: d_b v_a, b = 0..d-1.
        const auto dv = gradient(s, v[a], [](const int*) { return 1.0; });
        for (int b = 0; b < d; ++b)
            for (std::size_t p = 0; p < f.size(); ++p) sum += static_cast<long double>(dv[b][p]) * t[a * d + b][p];
    }
    return static_cast<double>(sum / static_cast<long double>(f.size()) / g.fourier_constant());
}

}  // namespace mfv::energy
