#include <mfv/meanfield/spectral_torus.hpp>

#include "spectral_solver.hpp"

#include <mfv/core/error.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>

namespace mfv::meanfield {

namespace {

// Shortest decimal that reads back as x.
std::string number(double x) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, res.ptr);
}

std::string modes_field(std::size_t m) { return "initial.law.modes[" + std::to_string(m) + "]"; }

// Two output times closer than this are the same time, and a query matches an output time
// within it.
double time_tolerance(double t) { return 1e-12 * std::max(1.0, std::abs(t)); }

spectral_settings resolved(spectral_settings s, int d) {
    if (s.grid == 0) s.grid = d == 3 ? 32 : 128;
    if (s.grid < 4) throw input_error("spectral_torus: grid = " + std::to_string(s.grid) + " points per dimension; at least 4");
    if (!(s.dt > 0.0 && std::isfinite(s.dt))) {
        std::ostringstream m;
        m << "spectral_torus: time step dt = " << s.dt << " must be positive and finite";
        throw input_error(m.str());
    }
    return s;
}

std::vector<double> output_times(std::vector<double> times) {
    if (times.empty()) throw input_error("spectral_torus: no output times");
    for (double t : times) {
        if (!(t >= 0.0 && std::isfinite(t))) {
            std::ostringstream m;
            m << "spectral_torus: output time t = " << t << " must be >= 0 and finite";
            throw input_error(m.str());
        }
    }
    std::sort(times.begin(), times.end());
    std::vector<double> merged;
    for (double t : times) {
        if (merged.empty() || t - merged.back() > time_tolerance(t)) merged.push_back(t);
    }
    return merged;
}

// mu0 as a series of band K: 1 + sum_m a_m cos(2 pi k_m.x + phi_m) (MATH.md 6), or 1.
torus_series initial_density(const law_spec& law, int d, int K, int n) {
    torus_series mu(d, K);
    const int zero[3] = {0, 0, 0};
    mu.set(mu.index(zero), 1.0);
    if (law.type == "uniform") {
        if (!law.modes.empty()) throw input_error("initial.law.type \"uniform\" takes no modes (use \"fourier\")");
        return mu;
    }
    if (law.type != "fourier") {
        throw input_error("spectral_torus: initial.law.type \"" + law.type +
                          "\" is not a torus law (\"uniform\" or \"fourier\")");
    }
    double total = 0.0;
    for (std::size_t m = 0; m < law.modes.size(); ++m) {
        const fourier_mode& f = law.modes[m];
        if (f.k.size() != static_cast<std::size_t>(d)) {
            throw input_error(modes_field(m) + ".k has " + std::to_string(f.k.size()) + " entries, but d = " +
                              std::to_string(d));
        }
        bool zero_k = true, inside = true;
        for (int c : f.k) {
            zero_k = zero_k && c == 0;
            inside = inside && std::abs(c) <= K;
        }
        if (zero_k) throw input_error(modes_field(m) + ".k is zero: the constant mode is the mass 1, not a mode");
        if (!inside) {
            throw input_error(modes_field(m) + ".k has a component beyond the band |k_j| <= K = " + std::to_string(K) +
                              " that a grid of n = " + std::to_string(n) + " resolves; use a finer grid");
        }
        if (!(std::isfinite(f.amplitude) && std::isfinite(f.phase))) {
            throw input_error(modes_field(m) + ": amplitude and phase must be finite");
        }
        total += std::abs(f.amplitude);
        mu.add_cosine(f.k.data(), f.amplitude, f.phase);
    }
    if (!(total < 1.0)) {
        std::ostringstream msg;
        msg << "initial.law.modes: sum_m |a_m| = " << total << " must be below 1 for the density to be positive";
        throw input_error(msg.str());
    }
    return mu;
}

}  // namespace

spectral_torus::spectral_torus(const kernel::riesz_kernel& g, const std::string& flow, double theta,
                               const law_spec& law, std::vector<double> times, spectral_settings settings)
    : g_(g), flow_(flow), theta_(theta), settings_(resolved(settings, g.d())), times_(output_times(std::move(times))) {
    const int d = g.d(), n = settings_.grid;
    if (flow != "gradient" && flow != "conservative") {
        throw input_error("spectral_torus: flow \"" + flow + "\" is not \"gradient\" or \"conservative\"");
    }
    const bool conservative = flow == "conservative";
    if (conservative && d != 2) {
        throw input_error("spectral_torus: the conservative flow is defined in d = 2 only, not d = " + std::to_string(d));
    }
    if (!(theta >= 0.0 && std::isfinite(theta))) {
        std::ostringstream m;
        m << "spectral_torus: noise theta = " << theta << " must be >= 0 and finite";
        throw input_error(m.str());
    }
    K_ = settings_.dealias ? (n - 1) / 3 : n / 2 - 1;

    const auto start = std::chrono::steady_clock::now();
    torus_series mu = initial_density(law, d, K_, n);
    detail::spectral_solver solver(g, conservative, theta, n, K_);
    solver.set_state(mu);
    if (!(solver.grid_min_density() > 0.0)) {
        std::ostringstream m;
        m << "spectral_torus: the initial density has minimum " << solver.min_density() << " on the grid";
        throw input_error(m.str());
    }

    const std::vector<double>& G = solver.kernel_symbol();
    double t = 0.0;
    for (double out : times_) {
        if (out > t) {
            // Equal steps of at most dt land on the output time exactly.
            const long m = std::max(1L, static_cast<long>(std::ceil((out - t) / settings_.dt * (1.0 - 1e-12))));
            solver.advance(t, (out - t) / m, m);
            steps_ += m;
            t = out;
            solver.get_state(mu);
            if (!(solver.grid_min_density() > 0.0)) {
                std::ostringstream msg;
                msg << "spectral_torus: at t = " << t << " the density on the grid has minimum "
                    << solver.min_density() << " (it must stay positive): refine the grid or the time step";
                throw run_error(msg.str());
            }
        }
        torus_series h = mu;
        for (std::size_t i = 0; i < h.size(); ++i) h.set(i, G[i] * mu[i]);
        self_energy_.push_back(h.inner(mu));
        // d_t h = G * d_t mu and dE/dt = 2 int h d_t mu, for the commutator (commutator.md 1.2).
        torus_series dmu = mu;
        solver.time_derivative(dmu);
        torus_series dh = dmu;
        for (std::size_t i = 0; i < dh.size(); ++i) dh.set(i, G[i] * dmu[i]);
        self_energy_rate_.push_back(2.0 * h.inner(dmu));
        dh_.push_back(std::move(dh));
        mu_.push_back(mu);
        h_.push_back(std::move(h));
    }
    min_density_ = solver.min_density();
    solve_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::size_t spectral_torus::slot(double t) const {
    const auto it = std::lower_bound(times_.begin(), times_.end(), t);
    std::size_t best = times_.size();
    if (it != times_.end()) best = static_cast<std::size_t>(it - times_.begin());
    if (it != times_.begin() && (best == times_.size() || t - *(it - 1) < *it - t)) best = it - times_.begin() - 1;
    if (best < times_.size() && std::abs(times_[best] - t) <= time_tolerance(t)) return best;
    std::string m = "spectral_torus: t = " + number(t) + " is not one of the " + std::to_string(times_.size()) +
                    " output times the solution was computed for";
    if (best < times_.size()) m += " (the nearest is " + number(times_[best]) + ")";
    throw run_error(m);
}

double spectral_torus::density(double t, const double* x) const { return mu_[slot(t)].value(x); }

double spectral_torus::potential(double t, const double* x) const { return h_[slot(t)].value(x); }

void spectral_torus::potential_gradient(double t, const double* x, double* grad) const {
    h_[slot(t)].value_gradient(x, grad);
}

double spectral_torus::self_energy(double t) const { return self_energy_[slot(t)]; }

// v = -grad h (gradient), v = -J grad h = (h_y, -h_x) (conservative).
void spectral_torus::velocity(double t, const double* x, double* v) const {
    double grad[3];
    h_[slot(t)].value_gradient(x, grad);
    if (flow_ == "conservative") {
        v[0] = grad[1];
        v[1] = -grad[0];
        return;
    }
    for (int j = 0; j < g_.d(); ++j) v[j] = -grad[j];
}

void spectral_torus::transport_velocity(double t, const double* x, double* v) const {
    velocity(t, x, v);
    if (theta_ == 0.0) return;
    double grad[3];
    const double m = mu_[slot(t)].value_gradient(x, grad);
    for (int j = 0; j < g_.d(); ++j) v[j] -= 0.5 * theta_ * grad[j] / m;
}

// C(x) = d_t h + u_theta.grad h (commutator.md 1.2), d_t h from the solver's right-hand side.
double spectral_torus::commutator_cross(double t, const double* x) const {
    double u[3], grad[3];
    transport_velocity(t, x, u);
    h_[slot(t)].value_gradient(x, grad);
    double c = dh_[slot(t)].value(x);
    for (int j = 0; j < g_.d(); ++j) c += u[j] * grad[j];
    return c;
}

double spectral_torus::commutator_self(double t) const { return self_energy_rate_[slot(t)]; }

double spectral_torus::lipschitz_velocity(double t) const {
    return h_[slot(t)].hessian_norm_sup(2 * settings_.grid);
}

double spectral_torus::support_radius(double) const { return std::numeric_limits<double>::infinity(); }

void spectral_torus::potentials(double t, points_view x, std::span<double> h) const { h_[slot(t)].values(x, h); }

double spectral_torus::mass_drift() const {
    double drift = 0.0;
    const int zero[3] = {0, 0, 0};
    for (const torus_series& mu : mu_) drift = std::max(drift, std::abs(mu[mu.index(zero)] - 1.0));
    return drift;
}

double spectral_torus::spectral_tail(double t) const { return mu_[slot(t)].max_abs_between(std::max(K_ - 1, 1), K_); }

double spectral_torus::spectral_tail() const {
    double tail = 0.0;
    for (double t : times_) tail = std::max(tail, spectral_tail(t));
    return tail;
}

}  // namespace mfv::meanfield
