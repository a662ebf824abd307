#include <mfv/sampling/knothe_rosenblatt.hpp>

#include <mfv/domain/torus.hpp>

#include <boost/math/constants/constants.hpp>

#include <cmath>

namespace mfv::sampling {

namespace {

constexpr double two_pi = boost::math::constants::two_pi<double>();

// G_j and G_j' (knothe_rosenblatt.hpp) for level j given x_0..x_(j-1).
class level_cdf {
public:
    level_cdf(const std::vector<knothe_rosenblatt::mode>& modes, int j, const double* x)
        : modes_(modes), j_(j), x_(x) {}

    // G_j(t) in value, G_j'(t) = f_j(x_<j, t) in slope.
    void eval(double t, double& value, double& slope) const {
        value = t;
        slope = 1.0;
        for (const auto& m : modes_) {
            const double c = phase(m);
            const int kj = m.k[j_];
            if (kj == 0) {
                const double a = m.amplitude * std::cos(c);
                value += a * t;
                slope += a;
            } else {
                const double arg = two_pi * kj * t + c;
                value += m.amplitude * (std::sin(arg) - std::sin(c)) / (two_pi * kj);
                slope += m.amplitude * std::cos(arg);
            }
        }
    }

    // G_j(1) = f_(j-1)(x_<j): only the modes with k_mj = 0 survive a whole period.
    double total() const {
        double g = 1.0;
        for (const auto& m : modes_)
            if (m.k[j_] == 0) g += m.amplitude * std::cos(phase(m));
        return g;
    }

    // The t in [0, 1] with G_j(t) = target, by Newton's method kept inside the bracket.
    double solve(double target, double start) const {
        double lo = 0.0, hi = 1.0, t = start;
        for (int it = 0; it < 200; ++it) {
            double g, dg;
            eval(t, g, dg);
            const double r = g - target;
            if (r == 0.0) return t;
            (r > 0.0 ? hi : lo) = t;
            double next = t - r / dg;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (std::abs(next - t) <= 1e-15 || hi - lo <= 1e-15) return next;
            t = next;
        }
        return t;
    }

private:
    // c_m = 2 pi (k_m0 x_0 + .. + k_m(j-1) x_(j-1)) + phi_m, the sum reduced modulo 1 first.
    double phase(const knothe_rosenblatt::mode& m) const {
        double kx = 0.0;
        for (int i = 0; i < j_; ++i) kx += m.k[i] * x_[i];
        return two_pi * (kx - std::floor(kx)) + m.phase;
    }

    const std::vector<knothe_rosenblatt::mode>& modes_;
    int j_;
    const double* x_;
};

}  // namespace

knothe_rosenblatt::knothe_rosenblatt(const torus_law& mu) : d_(mu.dim()) {
    for (const fourier_mode& f : mu.modes()) {
        mode m;
        int last = 0;
        for (int i = 0; i < d_; ++i) {
            m.k[i] = f.k[i];
            if (f.k[i] != 0) last = i;
        }
        m.amplitude = f.amplitude;
        m.phase = f.phase;
        for (int j = last; j < d_; ++j) levels_[j].push_back(m);
    }
}

void knothe_rosenblatt::to_torus(const double* u, double* x) const {
    // Without modes G_j(t) = t: the map is the identity, which the first Newton step from
    // the start t = u confirms exactly.
    for (int j = 0; j < d_; ++j) {
        const level_cdf g(levels_[j], j, x);
        x[j] = g.solve(u[j] * g.total(), u[j]);
    }
    for (int j = 0; j < d_; ++j) x[j] = domain::wrap(x[j]);
}

void knothe_rosenblatt::to_cube(const double* x, double* u) const {
    double y[3];
    for (int j = 0; j < d_; ++j) y[j] = domain::wrap(x[j]);
    for (int j = 0; j < d_; ++j) {
        const level_cdf g(levels_[j], j, y);
        double value, slope;
        g.eval(y[j], value, slope);
        u[j] = value / g.total();
    }
}

}  // namespace mfv::sampling
