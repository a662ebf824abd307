#include <mfv/meanfield/shell_mode_torus.hpp>

#include <mfv/core/error.hpp>

#include <boost/math/constants/constants.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mfv::meanfield {

namespace {

long norm2(const std::vector<int>& k) {
    long s = 0;
    for (int c : k) s += static_cast<long>(c) * c;
    return s;
}

}  // namespace

bool shell_mode_torus::applies(int d, const law_spec& law) {
    if (d != 2 || law.type != "fourier" || law.modes.empty()) return false;
    const long K2 = norm2(law.modes.front().k);
    return std::all_of(law.modes.begin(), law.modes.end(),
                       [&](const fourier_mode& m) { return m.k.size() == 2 && norm2(m.k) == K2 && K2 > 0; });
}

shell_mode_torus::shell_mode_torus(const kernel::riesz_kernel& g, double theta, const law_spec& law)
    : g_(g), theta_(theta) {
    if (!applies(g.d(), law)) {
        throw input_error("shell_mode_torus: needs d = 2 and a \"fourier\" law whose modes all have the same |k| "
                          "(one shell)");
    }
    if (!(theta >= 0.0 && std::isfinite(theta))) {
        std::ostringstream m;
        m << "shell_mode_torus: noise theta = " << theta << " must be >= 0 and finite";
        throw input_error(m.str());
    }
    double total = 0.0;
    int band = 0;
    for (const fourier_mode& m : law.modes) {
        if (!(std::isfinite(m.amplitude) && std::isfinite(m.phase))) {
            throw input_error("initial.law.modes: amplitudes and phases must be finite");
        }
        total += std::abs(m.amplitude);
        for (int c : m.k) band = std::max(band, std::abs(c));
    }
    if (!(total < 1.0)) {
        std::ostringstream m;
        m << "initial.law.modes: sum_m |a_m| = " << total << " must be below 1 for the density to be positive";
        throw input_error(m.str());
    }
    f_ = torus_series(2, band);
    for (const fourier_mode& m : law.modes) f_.add_cosine(m.k.data(), m.amplitude, m.phase);

    // MATH.md 6: G^(K) = c_{2,s} |2 pi K|^(s-2), lambda = (theta/2) |2 pi K|^2.
    const double two_pi = boost::math::constants::two_pi<double>();
    const long K2 = norm2(law.modes.front().k);
    const double kk = two_pi * std::sqrt(static_cast<double>(K2));
    G_ = g.fourier_constant() * std::pow(kk, g.s() - 2.0);
    lambda_ = 0.5 * theta * kk * kk;

    // sup ||D^2 (mu0 - 1)||: closed form for one wave vector (up to sign), which the series
    // holds in one stored entry c (mu0 - 1 = 2|c| cos(...)); a polished grid sup otherwise.
    std::size_t nonzero = 0, at = 0;
    for (std::size_t i = 0; i < f_.size(); ++i) {
        if (f_[i] != 0.0) {
            ++nonzero;
            at = i;
        }
    }
    int k[2];
    f_.mode(at, k);
    const bool single = nonzero == 1 || (nonzero == 2 && k[1] == 0);
    if (single) hessian_sup_ = 2.0 * std::abs(f_[at]) * kk * kk;
    else hessian_sup_ = f_.hessian_norm_sup(std::max(64, 32 * (2 * band + 1)));
}

double shell_mode_torus::amplitude_factor(double t) const {
    if (!(t >= 0.0)) {
        std::ostringstream m;
        m << "shell_mode_torus: t = " << t << " is negative";
        throw std::domain_error(m.str());
    }
    return std::exp(-lambda_ * t);
}

double shell_mode_torus::density(double t, const double* x) const { return 1.0 + amplitude_factor(t) * f_.value(x); }

double shell_mode_torus::potential(double t, const double* x) const {
    return G_ * amplitude_factor(t) * f_.value(x);
}

void shell_mode_torus::potential_gradient(double t, const double* x, double* grad) const {
    f_.value_gradient(x, grad);
    const double c = G_ * amplitude_factor(t);
    grad[0] *= c;
    grad[1] *= c;
}

double shell_mode_torus::self_energy(double t) const {
    const double e = amplitude_factor(t);
    return G_ * e * e * f_.inner(f_);
}

// v = -J grad h = (h_y, -h_x).
void shell_mode_torus::velocity(double t, const double* x, double* v) const {
    double grad[2];
    potential_gradient(t, x, grad);
    v[0] = grad[1];
    v[1] = -grad[0];
}

// u_theta = -J grad h - (theta/2) grad mu / mu, grad mu = e^(-lambda t) grad f.
void shell_mode_torus::transport_velocity(double t, const double* x, double* v) const {
    velocity(t, x, v);
    if (theta_ == 0.0) return;
    double grad[2];
    const double e = amplitude_factor(t);
    const double m = 1.0 + e * f_.value_gradient(x, grad);
    v[0] -= 0.5 * theta_ * e * grad[0] / m;
    v[1] -= 0.5 * theta_ * e * grad[1] / m;
}

// commutator.md 4: d_t h = -lambda h, so C = -lambda h + u_theta.grad h
// (= -lambda h - (theta/2) G^(K) |grad mu|^2 / mu), and D = dE/dt = -2 lambda E.
double shell_mode_torus::commutator_cross(double t, const double* x) const {
    double u[2], grad[2];
    transport_velocity(t, x, u);
    potential_gradient(t, x, grad);
    return -lambda_ * potential(t, x) + u[0] * grad[0] + u[1] * grad[1];
}

double shell_mode_torus::commutator_self(double t) const { return -2.0 * lambda_ * self_energy(t); }

double shell_mode_torus::lipschitz_velocity(double t) const { return G_ * amplitude_factor(t) * hessian_sup_; }

double shell_mode_torus::support_radius(double) const { return std::numeric_limits<double>::infinity(); }

void shell_mode_torus::potentials(double t, points_view x, std::span<double> h) const {
    f_.values(x, h);
    const double c = G_ * amplitude_factor(t);
    for (std::size_t i = 0; i < x.n; ++i) h[i] *= c;
}

}  // namespace mfv::meanfield
