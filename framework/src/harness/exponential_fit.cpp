#include <mfv/harness/exponential_fit.hpp>

#include "number_text.hpp"

#include <boost/math/tools/minima.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace mfv::harness {

namespace {

using detail::number_text;

// The linear part for fixed lambda: (A0, B) minimising sum_k (y_k - A0 e_k - B)^2 with
// e_k = e^(-lambda tau_k) (B = 0 when not fitted), and the residual sum of squares S.
struct projection {
    double amplitude = 0.0, offset = 0.0, ss = 0.0;
};

class problem {
public:
    problem(std::span<const double> t, std::span<const double> y, bool fit_offset)
        : tau_(t.size()), y_(y.begin(), y.end()), fit_offset_(fit_offset) {
        for (std::size_t k = 0; k < t.size(); ++k) tau_[k] = t[k] - t[0];
    }

    projection solve(double rate) const {
        const std::size_t n = tau_.size();
        std::vector<double> e(n);
        for (std::size_t k = 0; k < n; ++k) e[k] = std::exp(-rate * tau_[k]);
        projection p;
        if (fit_offset_) {
            // Centred sums: A0 = sum (e - ebar)(y - ybar) / sum (e - ebar)^2, B = ybar - A0 ebar.
            double eb = 0.0, yb = 0.0;
            for (std::size_t k = 0; k < n; ++k) {
                eb += e[k];
                yb += y_[k];
            }
            eb /= n;
            yb /= n;
            double see = 0.0, sey = 0.0;
            for (std::size_t k = 0; k < n; ++k) {
                see += (e[k] - eb) * (e[k] - eb);
                sey += (e[k] - eb) * (y_[k] - yb);
            }
            p.amplitude = see > 0.0 ? sey / see : 0.0;
            p.offset = yb - p.amplitude * eb;
        } else {
            double see = 0.0, sey = 0.0;
            for (std::size_t k = 0; k < n; ++k) {
                see += e[k] * e[k];
                sey += e[k] * y_[k];
            }
            p.amplitude = sey / see;
        }
        p.ss = residual_ss(p.amplitude, rate, p.offset);
        return p;
    }

    double residual_ss(double amplitude, double rate, double offset) const {
        double ss = 0.0;
        for (std::size_t k = 0; k < tau_.size(); ++k) {
            const double r = y_[k] - amplitude * std::exp(-rate * tau_[k]) - offset;
            ss += r * r;
        }
        return ss;
    }

    // Gauss-Newton on (A0, lambda[, B]): the normal equations J^T J delta = J^T r, a step
    // kept only if S drops.
    void polish(exponential_fit& f, double& ss) const {
        const int p = fit_offset_ ? 3 : 2;
        for (int it = 0; it < 30; ++it) {
            std::array<std::array<double, 4>, 3> m{};
            for (std::size_t k = 0; k < tau_.size(); ++k) {
                const double e = std::exp(-f.rate * tau_[k]);
                const double r = y_[k] - f.amplitude * e - f.offset;
                const double jac[3] = {e, -f.amplitude * tau_[k] * e, 1.0};
                for (int a = 0; a < p; ++a) {
                    for (int b = 0; b < p; ++b) m[a][b] += jac[a] * jac[b];
                    m[a][3] += jac[a] * r;
                }
            }
            std::array<double, 3> step{};
            if (!solve_small(m, p, step)) return;
            const double a = f.amplitude + step[0], lam = f.rate + step[1], b = fit_offset_ ? f.offset + step[2] : 0.0;
            if (!(lam > 0.0)) return;
            const double s = residual_ss(a, lam, b);
            if (!(s <= ss)) return;
            // Quadratic convergence (zero residuals): the error after a step of 1e-10 lambda is
            // of order 1e-20 lambda. With residuals the convergence is linear but fast.
            const bool small = std::abs(step[1]) <= 1e-10 * lam;
            f.amplitude = a;
            f.rate = lam;
            f.offset = b;
            ss = s;
            if (small || s == 0.0) return;
        }
    }

    // Gaussian elimination with partial pivoting on the p x (p + 1) augmented matrix m;
    // false for a singular or non-finite system.
    static bool solve_small(std::array<std::array<double, 4>, 3>& m, int p, std::array<double, 3>& x) {
        for (int c = 0; c < p; ++c) {
            int piv = c;
            for (int r = c + 1; r < p; ++r)
                if (std::abs(m[r][c]) > std::abs(m[piv][c])) piv = r;
            std::swap(m[c], m[piv]);
            if (!(std::abs(m[c][c]) > 0.0)) return false;
            for (int r = c + 1; r < p; ++r) {
                const double q = m[r][c] / m[c][c];
                for (int k = c; k < 4; ++k) m[r][k] -= q * m[c][k];
            }
        }
        for (int c = p - 1; c >= 0; --c) {
            double v = m[c][3];
            for (int k = c + 1; k < p; ++k) v -= m[c][k] * x[k];
            x[c] = v / m[c][c];
        }
        return std::isfinite(x[0]) && std::isfinite(x[1]) && std::isfinite(x[2]);
    }

private:
    std::vector<double> tau_, y_;
    bool fit_offset_;
};

}  // namespace

exponential_fit fit_exponential(std::span<const double> t, std::span<const double> y, bool fit_offset,
                                double rate_min, double rate_max) {
    const std::size_t needed = fit_offset ? 4 : 3;
    if (t.size() != y.size()) throw std::invalid_argument("exponential fit: times and values differ in length");
    if (t.size() < needed) {
        throw std::invalid_argument("exponential fit: " + std::to_string(t.size()) + " times, at least " +
                                    std::to_string(needed) + " needed");
    }
    for (std::size_t k = 1; k < t.size(); ++k)
        if (!(t[k] > t[k - 1])) throw std::invalid_argument("exponential fit: times not strictly increasing");
    if (!(rate_min > 0.0 && rate_max > rate_min && std::isfinite(rate_max)))
        throw std::invalid_argument("exponential fit: need 0 < rate_min < rate_max < inf");

    exponential_fit f;
    const problem pb(t, y, fit_offset);
    const auto objective = [&](double u) { return pb.solve(std::exp(u)).ss; };

    // Scan of log lambda, then Brent in the two intervals around the best scan point.
    constexpr int scan = 32;
    const double u_lo = std::log(rate_min), u_hi = std::log(rate_max);
    const double du = (u_hi - u_lo) / (scan - 1);
    int best = 0;
    double best_ss = std::numeric_limits<double>::infinity();
    for (int g = 0; g < scan; ++g) {
        const double s = objective(u_lo + g * du);
        if (!std::isfinite(s)) {
            f.reason = "the residual sum of squares is not finite (non-finite data?)";
            return f;
        }
        if (s < best_ss) {
            best_ss = s;
            best = g;
        }
    }
    const double a = u_lo + std::max(0, best - 1) * du, b = u_lo + std::min(scan - 1, best + 1) * du;
    std::uintmax_t iterations = 200;
    const auto [u, ss_brent] = boost::math::tools::brent_find_minima(objective, a, b, std::numeric_limits<double>::digits / 2, iterations);
    if (iterations >= 200) {
        f.reason = "Brent's minimisation over log(lambda) did not converge in 200 iterations";
        return f;
    }
    const projection p = pb.solve(std::exp(u));
    f.amplitude = p.amplitude;
    f.rate = std::exp(u);
    f.offset = p.offset;
    double ss = ss_brent;
    pb.polish(f, ss);
    f.rms_residual = std::sqrt(ss / t.size());

    // The edge test is on the bracketed minimum, before the polish can step past it.
    const double edge = 1e-3 * du;
    if (u - u_lo < edge || u_hi - u < edge) {
        f.reason = "the best rate lies at the " + std::string(u - u_lo < edge ? "lower" : "upper") +
                   " edge of the search range [" + number_text(rate_min) + ", " + number_text(rate_max) +
                   "]: the series does not decay exponentially at a rate inside it";
        return f;
    }
    f.converged = true;
    return f;
}

}  // namespace mfv::harness
