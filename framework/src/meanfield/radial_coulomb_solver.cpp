#include <mfv/meanfield/radial_coulomb_solver.hpp>

#include <mfv/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace mfv::meanfield {

namespace {

std::string text(double x) {
    std::ostringstream m;
    m << x;
    return m.str();
}

// The method-of-lines system on the interior nodes 1..n-1 (radial_coulomb_solver.hpp, "Space"),
// with m_0 = 0 and m_n = M held fixed.
class mass_equation {
public:
    mass_equation(const radial_problem& p, double L, int n) : p_(p), n_(n), h_(L / n), r_(n + 1), w_(n) {
        for (int i = 0; i <= n; ++i) r_[i] = i * h_;
        // w_{i+1/2} = d / (r_{i+1}^d - r_i^d), so that p_{i+1/2} = w_{i+1/2} (m_{i+1} - m_i).
        for (int i = 0; i < n; ++i) w_[i] = p.d / (std::pow(r_[i + 1], p.d) - std::pow(r_[i], p.d));
    }

    // F(t, m) at the interior nodes, and the three diagonals of dF/dm when `lower` is not null.
    void operator()(double t, const std::vector<double>& m, std::vector<double>& F, std::vector<double>* lower,
                    std::vector<double>* diag, std::vector<double>* upper) const {
        const double a = p_.interaction ? std::exp(-p_.transport_decay * t) : 0.0;
        const double kappa = 0.5 * p_.theta;
        for (int i = 1; i < n_; ++i) {
            const double rd1 = p_.d == 2 ? r_[i] : r_[i] * r_[i];
            const double c = a / (2.0 * h_ * rd1);
            const double dm = m[i + 1] - m[i - 1];
            const double k = kappa * rd1 / h_;
            const double b = 0.5 * p_.confinement * i;
            F[i] = -c * m[i] * dm + k * (w_[i] * (m[i + 1] - m[i]) - w_[i - 1] * (m[i] - m[i - 1])) + b * dm;
            if (!lower) continue;
            (*lower)[i] = c * m[i] + k * w_[i - 1] - b;
            (*diag)[i] = -c * dm - k * (w_[i] + w_[i - 1]);
            (*upper)[i] = -c * m[i] + k * w_[i] + b;
        }
    }

    int cells() const { return n_; }
    double spacing() const { return h_; }

private:
    radial_problem p_;
    int n_;
    double h_;
    std::vector<double> r_, w_;
};

// Solves u - alpha k F(t, u) = rhs for u (interior nodes; u's end values are kept) by Newton's
// method from the initial guess in u. Returns the iterations used. The tridiagonal systems
// (I - alpha k J) delta = -residual by the Thomas algorithm (no pivoting: the matrix is
// diagonally dominant when alpha k |J| is small, and otherwise its diffusion part, an
// M-matrix, dominates; a failure shows up as non-convergence, which throws).
int implicit_stage(const mass_equation& f, double t, double alpha_k, const std::vector<double>& rhs,
                   std::vector<double>& u, double scale) {
    const int n = f.cells();
    std::vector<double> F(n + 1), lo(n + 1), di(n + 1), up(n + 1), c(n + 1), g(n + 1);
    constexpr int max_iterations = 30;
    for (int it = 1; it <= max_iterations; ++it) {
        f(t, u, F, &lo, &di, &up);
        // Forward sweep of the Thomas algorithm on (I - alpha k J) delta = -(u - alpha k F - rhs).
        double prev_c = 0.0, prev_g = 0.0;
        for (int i = 1; i < n; ++i) {
            const double A = i > 1 ? -alpha_k * lo[i] : 0.0;
            const double B = 1.0 - alpha_k * di[i];
            const double C = i < n - 1 ? -alpha_k * up[i] : 0.0;
            const double R = -(u[i] - alpha_k * F[i] - rhs[i]);
            const double denom = B - A * prev_c;
            c[i] = C / denom;
            g[i] = (R - A * prev_g) / denom;
            prev_c = c[i];
            prev_g = g[i];
        }
        double change = 0.0;
        double next = 0.0;
        for (int i = n - 1; i >= 1; --i) {
            const double delta = g[i] - c[i] * next;
            u[i] += delta;
            next = delta;
            change = std::max(change, std::abs(delta));
        }
        if (!std::isfinite(change)) break;
        if (change <= 1e-13 * scale) return it;
    }
    throw run_error("radial Coulomb solver: Newton's method did not converge at t = " + text(t) +
                    " (step too large for the nonlinear transport; lower dt)");
}

double smallest_shell(const std::vector<double>& m) {
    double s = m[1] - m[0];
    for (std::size_t i = 1; i + 1 < m.size(); ++i) s = std::min(s, m[i + 1] - m[i]);
    return s;
}

void check_input(const radial_problem& p, double L, int n, const std::vector<double>& times, double dt) {
    if (p.d != 2 && p.d != 3) throw input_error("radial Coulomb solver: d = " + std::to_string(p.d) + "; 2 or 3");
    if (!(p.mass > 0.0) || !(p.theta >= 0.0) || !std::isfinite(p.theta))
        throw input_error("radial Coulomb solver: mass M = " + text(p.mass) + " must be > 0 and theta = " +
                          text(p.theta) + " >= 0");
    if (!(L > 0.0 && std::isfinite(L))) throw input_error("radial Coulomb solver: domain radius L = " + text(L));
    if (n < 4) throw input_error("radial Coulomb solver: grid = " + std::to_string(n) + " cells; at least 4");
    if (!(dt > 0.0 && std::isfinite(dt))) throw input_error("radial Coulomb solver: dt = " + text(dt));
    if (times.empty()) throw input_error("radial Coulomb solver: no output times");
    for (double t : times)
        if (!(t >= 0.0 && std::isfinite(t)))
            throw input_error("radial Coulomb solver: output time " + text(t) + " must be >= 0 and finite");
}

}  // namespace

radial_solution solve_radial_coulomb(const radial_problem& p, const std::function<double(double)>& initial_mass,
                                     double radius, int cells, std::vector<double> times, double dt) {
    check_input(p, radius, cells, times, dt);
    std::sort(times.begin(), times.end());
    radial_solution out;
    out.d = p.d;
    out.mass = p.mass;
    out.radius = radius;
    out.cells = cells;
    for (double t : times)
        if (out.times.empty() || t - out.times.back() > 1e-12 * std::max(1.0, t)) out.times.push_back(t);

    const mass_equation f(p, radius, cells);
    out.spacing = f.spacing();
    std::vector<double> m(cells + 1);
    for (int i = 0; i <= cells; ++i) m[i] = initial_mass(i * f.spacing());
    m[0] = 0.0;
    m[cells] = p.mass;
    out.min_shell_mass = smallest_shell(m);

    // TR-BDF2 (radial_coulomb_solver.hpp, "Time"): both stages solve u - alpha k F(u) = rhs
    // with alpha = gamma/2 = (1 - gamma)/(2 - gamma) = 1 - 1/sqrt 2.
    const double gamma = 2.0 - std::sqrt(2.0);
    const double alpha = 0.5 * gamma;
    const double w_gamma = 1.0 / (gamma * (2.0 - gamma));
    const double w_start = (1.0 - gamma) * (1.0 - gamma) / (gamma * (2.0 - gamma));
    std::vector<double> F(cells + 1), rhs(cells + 1), stage(m);
    double t = 0.0;
    for (double target : out.times) {
        if (target > t) {
            const long steps = std::max(1L, static_cast<long>(std::ceil((target - t) / dt * (1.0 - 1e-12))));
            const double k = (target - t) / steps;
            for (long q = 0; q < steps; ++q) {
                const double t0 = t + q * k;
                f(t0, m, F, nullptr, nullptr, nullptr);
                for (int i = 1; i < cells; ++i) rhs[i] = m[i] + alpha * k * F[i];
                stage = m;
                int it = implicit_stage(f, t0 + gamma * k, alpha * k, rhs, stage, p.mass);
                for (int i = 1; i < cells; ++i) rhs[i] = w_gamma * stage[i] - w_start * m[i];
                m = stage;
                it = std::max(it, implicit_stage(f, t0 + k, alpha * k, rhs, m, p.mass));
                out.newton_iterations = std::max(out.newton_iterations, it);
                out.min_shell_mass = std::min(out.min_shell_mass, smallest_shell(m));
                ++out.steps;
            }
            t = target;
        }
        out.enclosed_mass.push_back(m);
    }
    return out;
}

}  // namespace mfv::meanfield
