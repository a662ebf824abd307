#include <mfv/meanfield/radial_coulomb.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/radial.hpp>

#include <boost/math/constants/constants.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mfv::meanfield {

namespace {

constexpr double pi = boost::math::constants::pi<double>();

std::string text(double x) {
    std::ostringstream m;
    m << x;
    return m.str();
}

// |S^(d-1)|: 2 pi (d = 2), 4 pi (d = 3) (MATH.md 1).
double sphere_area(int d) { return d == 2 ? 2.0 * pi : 4.0 * pi; }

// m0(r) = mu0(B_r) (radial.md 4): the uniform ball M min(1, (r/R0)^d); the Gaussian of
// per-coordinate variance sigma^2 (MATH.md 5), M (1 - e^(-z)) with z = r^2/(2 sigma^2) in
// d = 2 and M (erf(r/(sqrt 2 sigma)) - sqrt(2/pi) (r/sigma) e^(-z)) in d = 3.
double initial_mass(const law_spec& law, int d, double M, double r) {
    if (law.type == "uniform_ball") return M * std::pow(std::min(1.0, r / law.radius), d);
    const double z = r * r / (2.0 * law.sigma * law.sigma);
    if (d == 2) return -M * std::expm1(-z);
    return M * (std::erf(r / (std::sqrt(2.0) * law.sigma)) - std::sqrt(2.0 / pi) * (r / law.sigma) * std::exp(-z));
}

// radial.md 4: L = 1.25 (rho0^d + d M T)^(1/d) + 10 sqrt(theta T) in the original frame, with
// rho0 = R0 (ball) or 10 sigma (Gaussian); in the self-similar frame T is replaced by 1 (the
// ball's radius in xi and the variance the noise adds in xi stay below their t = infinity
// values, MATH.md 3).
double automatic_radius(const law_spec& law, int d, double M, double theta, double T, bool self_similar) {
    const double rho0 = law.type == "uniform_ball" ? law.radius : 10.0 * law.sigma;
    const double horizon = self_similar ? 1.0 : T;
    return 1.25 * std::pow(std::pow(rho0, d) + d * M * horizon, 1.0 / d) + 10.0 * std::sqrt(theta * horizon);
}

// The 4-point Lagrange weights on the nodes 0..3 at x in [0, 3], their first and second
// derivatives (per unit node spacing).
void lagrange4(double x, double* l, double* dl, double* d2l) {
    const double a = x, b = x - 1.0, c = x - 2.0, e = x - 3.0;
    l[0] = -b * c * e / 6.0;
    l[1] = a * c * e / 2.0;
    l[2] = -a * b * e / 2.0;
    l[3] = a * b * c / 6.0;
    dl[0] = -(c * e + b * e + b * c) / 6.0;
    dl[1] = (c * e + a * e + a * c) / 2.0;
    dl[2] = -(b * e + a * e + a * b) / 2.0;
    dl[3] = (b * c + a * c + a * b) / 6.0;
    d2l[0] = -(x - 2.0);
    d2l[1] = 3.0 * x - 5.0;
    d2l[2] = -(3.0 * x - 4.0);
    d2l[3] = x - 1.0;
}

}  // namespace

bool radial_coulomb::applies(const kernel::riesz_kernel& g, const std::string& flow, const law_spec& law,
                             std::string* why) {
    std::string reason;
    if (!(g.is_coulomb() && (g.d() == 2 || g.d() == 3)))
        reason = "the radial solver is for the Coulomb kernel in d = 2 (log) or d = 3 (s = 1), not " + g.describe();
    else if (flow != "gradient")
        reason = "the radial solver is for the gradient flow, not the \"" + flow + "\" flow";
    else if (law.type != "uniform_ball" && law.type != "gaussian")
        reason = "the radial solver starts from a uniform_ball or a gaussian, not a " + law.type;
    else if (law.type == "uniform_ball" && !(law.radius > 0.0 && std::isfinite(law.radius)))
        reason = "initial.law.radius = " + text(law.radius) + " must be positive and finite";
    else if (law.type == "gaussian" && !(law.sigma > 0.0 && std::isfinite(law.sigma)))
        reason = "initial.law.sigma = " + text(law.sigma) + " must be positive and finite";
    if (why) *why = reason;
    return reason.empty();
}

radial_coulomb::radial_coulomb(const kernel::riesz_kernel& g, double theta, const law_spec& law,
                               std::vector<double> times, radial_settings settings)
    : g_(g), theta_(theta), settings_(settings) {
    std::string why;
    if (!applies(g, "gradient", law, &why)) throw input_error("radial_coulomb: " + why);
    if (!(theta >= 0.0 && std::isfinite(theta))) throw input_error("radial_coulomb: theta = " + text(theta) + " must be >= 0");
    if (times.empty()) throw input_error("radial_coulomb: no output times");
    const int d = g.d();
    if (settings_.grid == 0) settings_.grid = 2000;
    if (settings_.dt == 0.0) settings_.dt = 1e-3;
    if (settings_.radius == 0.0) {
        const double T = *std::max_element(times.begin(), times.end());
        settings_.radius = automatic_radius(law, d, M_, theta, std::max(T, 0.0), settings_.self_similar);
    }
    radial_problem p;
    p.d = d;
    p.mass = M_;
    p.theta = theta;
    p.transport_decay = settings_.self_similar ? 0.5 * (d - 2) : 0.0;
    p.confinement = confinement();
    p.interaction = settings_.interaction;
    const auto m0 = [&](double r) { return initial_mass(law, d, M_, r); };
    sol_ = solve_radial_coulomb(p, m0, settings_.radius, settings_.grid, times, settings_.dt);
    if (sol_.min_shell_mass < -1e-10 * M_) {
        throw run_error("radial_coulomb: the density went negative (shell mass " + text(sol_.min_shell_mass) +
                        ") with grid = " + std::to_string(settings_.grid) + " cells on [0, " + text(settings_.radius) +
                        "], dt = " + text(settings_.dt) + " and theta = " + text(theta) +
                        ": the step or the cells are too large for the transport (Courant number |v| dt/h, cell "
                        "Peclet number h |v|/(theta/2)); lower dt or refine the grid");
    }
    error_estimate_ = std::numeric_limits<double>::quiet_NaN();
    if (settings_.error_estimate && settings_.grid % 2 == 0) try {
        // radial_coulomb.hpp, "Accuracy": (m_coarse - m_fine)/3 at the coarse nodes. A coarse
        // run whose Newton iteration fails (twice the step) leaves the estimate NaN.
        const auto coarse = solve_radial_coulomb(p, m0, settings_.radius, settings_.grid / 2, times, 2.0 * settings_.dt);
        double estimate = 0.0;
        for (std::size_t k = 0; k < sol_.times.size(); ++k)
            for (int i = 0; i <= coarse.cells; ++i)
                estimate = std::max(estimate, std::abs(coarse.enclosed_mass[k][i] - sol_.enclosed_mass[k][2 * i]) / 3.0);
        error_estimate_ = estimate;
    } catch (const run_error&) {
    }
    for (std::size_t k = 0; k < sol_.times.size(); ++k) profiles_.push_back(make_profile(sol_.enclosed_mass[k], sol_.times[k]));
}

double radial_coulomb::transport_factor(double t) const {
    return settings_.self_similar ? std::exp(-0.5 * (g_.d() - 2) * t) : 1.0;
}

std::size_t radial_coulomb::slot(double t) const {
    const auto& T = sol_.times;
    const auto it = std::lower_bound(T.begin(), T.end(), t - 1e-12 * std::max(1.0, std::abs(t)));
    if (it != T.end() && std::abs(*it - t) <= 1e-12 * std::max(1.0, std::abs(t))) return it - T.begin();
    throw run_error("radial_coulomb: asked at t = " + text(t) + ", which is not one of its output times");
}

// f, f', f'' at r <= L from the 4-point Lagrange interpolant of an even nodal function
// (w or the density; ghost node f_{-1} = f_1).
radial_coulomb::local radial_coulomb::interpolate(const std::vector<double>& f, double r) const {
    const int n = sol_.cells;
    const double h = sol_.spacing;
    const int j = std::clamp(static_cast<int>(std::floor(r / h)), 0, n - 1);
    const int base = std::clamp(j - 1, -1, n - 3);
    double l[4], dl[4], d2l[4];
    lagrange4(r / h - base, l, dl, d2l);
    local out{0.0, 0.0, 0.0};
    for (int q = 0; q < 4; ++q) {
        const int i = base + q;
        const double fi = f[i < 0 ? -i : i];
        out.value += l[q] * fi;
        out.slope += dl[q] * fi;
        out.curvature += d2l[q] * fi;
    }
    out.slope /= h;
    out.curvature /= h * h;
    return out;
}

// radial.md 6: w, the density and h at the nodes; E, the second moment and ||Du||_inf.
radial_coulomb::profile radial_coulomb::make_profile(const std::vector<double>& m, double t) const {
    const int n = sol_.cells, d = g_.d();
    const double h = sol_.spacing, L = sol_.radius, omega = sphere_area(d);
    profile p;
    p.w.resize(n + 1);
    for (int i = 1; i <= n; ++i) p.w[i] = m[i] / std::pow(i * h, d);
    // w = A + B r^2 + O(r^4) near 0 through w_1, w_2: w_0 to O(h^4).
    p.w[0] = (4.0 * p.w[1] - p.w[2]) / 3.0;
    p.rho = nodal_density(m, p.w);
    // q = r w = -h'(r), q' = w + r w' = |S^(d-1)| rho - (d-1) w; h_i = h_{i+1} + int q,
    // end-corrected trapezoid.
    const auto q = [&](int i) { return i * h * p.w[i]; };
    const auto dq = [&](int i) { return omega * p.rho[i] - (d - 1) * p.w[i]; };
    p.h.resize(n + 1);
    p.h[n] = d == 3 ? M_ / L : -M_ * std::log(L);
    for (int i = n - 1; i >= 0; --i) p.h[i] = p.h[i + 1] + 0.5 * h * (q(i) + q(i + 1)) + h * h / 12.0 * (dq(i) - dq(i + 1));
    // f = r^(d+1) w^2 = m^2/r^(d-1) and f = r^(d+1) w = r m, both with f'(0) = 0; at L,
    // (r^(d+1) w)' = r^d (|S^(d-1)| rho + w) and (r^(d+1) w^2)' = r^d w (2 |S^(d-1)| rho - (d-1) w).
    double energy = 0.0, moment = 0.0;
    for (int i = 0; i <= n; ++i) {
        const double r = i * h, c = (i == 0 || i == n) ? 0.5 : 1.0, rd1 = std::pow(r, d + 1);
        energy += c * rd1 * p.w[i] * p.w[i];
        moment += c * rd1 * p.w[i];
    }
    const double Ld = std::pow(L, d), wL = p.w[n], rhoL = omega * p.rho[n];
    energy = h * energy - h * h / 12.0 * Ld * wL * (2.0 * rhoL - (d - 1) * wL);
    moment = h * moment - h * h / 12.0 * Ld * (rhoL + wL);
    p.self_energy = M_ * p.h[n] + energy;
    p.second_moment = M_ * L * L - 2.0 * moment;
    // ||Du||: eigenvalues a w - b (across) and a (w + r w') - b (along); beyond L, w = M/r^d.
    const double a = settings_.interaction ? transport_factor(t) : 0.0, b = confinement();
    double lip = std::max({std::abs(a * M_ / Ld - b), std::abs((d - 1) * a * M_ / Ld + b), b});
    for (int i = 0; i <= n; ++i) lip = std::max({lip, std::abs(a * p.w[i] - b), std::abs(a * dq(i) - b)});
    p.lipschitz = lip;
    return p;
}

// The density at the nodes (radial.md 6), to O(h^4):
// - near the centre, i < 8, rho_i = (d w_i + r_i w'_i) / |S^(d-1)| with w' from the interpolant
//   of w (O(h^3), times r_i); rho_0 = d w_0 / |S^(d-1)|;
// - beyond, rho_i = d_r m / (|S^(d-1)| r_i^(d-1)) with d_r m by fourth-order differences of m,
//   central (the ghosts m_{-k} = (-1)^d m_k: m is even in d = 2, odd in d = 3), one-sided at
//   the last two nodes.
// Why two formulas: in the tail m -> M and d w + r w' is a small difference of large terms
// (absolute errors ~1e-10 where the density is 1e-38); near the centre the difference's error
// h^4 d^5 m / 30, divided by r^(d-1), is O(h^2) relative in d = 3 at the first nodes.
std::vector<double> radial_coulomb::nodal_density(const std::vector<double>& m, const std::vector<double>& w) const {
    const int n = sol_.cells, d = g_.d();
    const double h = sol_.spacing, omega = sphere_area(d), parity = d == 2 ? 1.0 : -1.0;
    const auto at = [&](int i) { return i < 0 ? parity * m[-i] : m[i]; };
    std::vector<double> rho(n + 1);
    constexpr int centre = 8;
    for (int i = 0; i <= n; ++i) {
        if (i < centre && i <= n - 3) {
            rho[i] = (d * w[i] + i * h * interpolate(w, i * h).slope) / omega;
            continue;
        }
        double dm;
        if (i <= n - 2)
            dm = (at(i - 2) - 8.0 * at(i - 1) + 8.0 * m[i + 1] - m[i + 2]) / (12.0 * h);
        else if (i == n - 1)
            dm = (3.0 * m[n] + 10.0 * m[n - 1] - 18.0 * m[n - 2] + 6.0 * m[n - 3] - m[n - 4]) / (12.0 * h);
        else
            dm = (25.0 * m[n] - 48.0 * m[n - 1] + 36.0 * m[n - 2] - 16.0 * m[n - 3] + 3.0 * m[n - 4]) / (12.0 * h);
        rho[i] = dm / (omega * std::pow(i * h, d - 1));
    }
    return rho;
}

double radial_coulomb::enclosed_mass(double t, double r) const {
    const profile& p = profiles_[slot(t)];
    if (r >= sol_.radius) return M_;
    return std::pow(r, g_.d()) * interpolate(p.w, r).value;
}

double radial_coulomb::density(double t, const double* x) const {
    const profile& p = profiles_[slot(t)];
    const double r = radial::radius(x, g_.d());
    if (r > sol_.radius) return 0.0;
    // Negative values are rounding (m is stored to ~1e-16 M, radial.md 6): clipped to 0.
    return std::max(0.0, interpolate(p.rho, r).value);
}

double radial_coulomb::potential(double t, const double* x) const {
    const profile& p = profiles_[slot(t)];
    const int d = g_.d();
    const double r = radial::radius(x, d);
    if (r >= sol_.radius) return d == 3 ? M_ / r : -M_ * std::log(r);
    // Cubic Hermite on [r_j, r_{j+1}]: values h_j, slopes h' = -r w.
    const double h = sol_.spacing;
    const int j = std::min(static_cast<int>(std::floor(r / h)), sol_.cells - 1);
    const double s = r / h - j, s2 = s * s, s3 = s2 * s;
    const double slope0 = -j * h * p.w[j], slope1 = -(j + 1) * h * p.w[j + 1];
    return (2 * s3 - 3 * s2 + 1) * p.h[j] + (s3 - 2 * s2 + s) * h * slope0 + (-2 * s3 + 3 * s2) * p.h[j + 1] +
           (s3 - s2) * h * slope1;
}

void radial_coulomb::potential_gradient(double t, const double* x, double* grad) const {
    const profile& p = profiles_[slot(t)];
    const int d = g_.d();
    const double r = radial::radius(x, d);
    const double w = r >= sol_.radius ? M_ / std::pow(r, d) : interpolate(p.w, r).value;
    radial::scaled(x, d, -w, grad);
}

double radial_coulomb::self_energy(double t) const { return profiles_[slot(t)].self_energy; }

double radial_coulomb::second_moment(double t) const { return profiles_[slot(t)].second_moment; }

// u = a w x - b x (radial_coulomb.hpp, "Frames").
void radial_coulomb::velocity(double t, const double* x, double* v) const {
    potential_gradient(t, x, v);
    const double a = settings_.interaction ? transport_factor(t) : 0.0, b = confinement();
    for (int k = 0; k < g_.d(); ++k) v[k] = -a * v[k] - b * x[k];
}

void radial_coulomb::transport_velocity(double t, const double* x, double* v) const {
    velocity(t, x, v);
    const double r = radial::radius(x, g_.d());
    if (r >= sol_.radius) return;
    const local f = interpolate(profiles_[slot(t)].rho, r);
    // grad log mu = (rho'/(r rho)) x; rho'/r tends to rho''(0) at the centre (rho is even).
    const double c = (r > 1e-3 * sol_.spacing ? f.slope / r : f.curvature) / f.value;
    for (int k = 0; k < g_.d(); ++k) v[k] -= 0.5 * theta_ * c * x[k];
}

double radial_coulomb::lipschitz_velocity(double t) const { return profiles_[slot(t)].lipschitz; }

double radial_coulomb::support_radius(double) const { return std::numeric_limits<double>::infinity(); }

}  // namespace mfv::meanfield
