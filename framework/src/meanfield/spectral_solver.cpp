#include "spectral_solver.hpp"

#include <mfv/core/error.hpp>

#include <boost/math/constants/constants.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mfv::meanfield::detail {

namespace {

const double two_pi = boost::math::constants::two_pi<double>();

// f1/h, f2/h, f3/h of the ETDRK4 step at z = L h. For |z| < 2 their Taylor series,
//   f1/h = sum_j (j+1)^2 z^j/(j+3)!,  f2/h = sum_j (j+1) z^j/(j+3)!,  f3/h = sum_j (1-j) z^j/(j+3)!
// (the coefficients of phi1 - 3 phi2 + 4 phi3 etc. collected over (j+3)!), 40 terms: the
// remainder is below 2^40/43! ~ 1e-40. For |z| >= 2 the closed forms
//   f1/h = (-4 - z + e^z (4 - 3z + z^2))/z^3,  f2/h = (2 + z + e^z (z - 2))/z^3,
//   f3/h = (-4 - 3z - z^2 + e^z (4 - z))/z^3,
// whose cancellation costs at most a factor ~20 (near |z| = 2), as does the series there.
void etd_f(double z, double& f1, double& f2, double& f3) {
    if (std::abs(z) < 2.0) {
        double zj = 1.0, fact = 6.0;
        f1 = f2 = f3 = 0.0;
        for (int j = 0; j < 40; ++j) {
            const double t = zj / fact;
            f1 += (j + 1.0) * (j + 1.0) * t;
            f2 += (j + 1.0) * t;
            f3 += (1.0 - j) * t;
            zj *= z;
            fact *= j + 4.0;
        }
        return;
    }
    const double ez = std::exp(z), z3 = z * z * z;
    f1 = (-4.0 - z + ez * (4.0 - 3.0 * z + z * z)) / z3;
    f2 = (2.0 + z + ez * (z - 2.0)) / z3;
    f3 = (-4.0 - 3.0 * z - z * z + ez * (4.0 - z)) / z3;
}

}  // namespace

void etdrk4_weights::make(const std::vector<double>& L, double step) {
    h = step;
    const std::size_t r = L.size();
    E.resize(r), E2.resize(r), Q.resize(r), f1.resize(r), f2.resize(r), f3.resize(r);
    for (std::size_t i = 0; i < r; ++i) {
        const double z = L[i] * h;
        E[i] = std::exp(z);
        E2[i] = std::exp(0.5 * z);
        // Q = h phi1(z/2)/2 = expm1(z/2)/L, accurate for every z.
        Q[i] = z == 0.0 ? 0.5 * h : std::expm1(0.5 * z) / L[i];
        etd_f(z, f1[i], f2[i], f3[i]);
        f1[i] *= h;
        f2[i] *= h;
        f3[i] *= h;
    }
}

spectral_solver::spectral_solver(const kernel::riesz_kernel& g, bool conservative, double theta, int n, int K)
    : d_(g.d()), n_(n), K_(K), conservative_(conservative) {
    for (int j = 0; j < d_; ++j) ngrid_ *= n;
    nspec_ = static_cast<std::size_t>(n / 2 + 1);
    for (int j = 0; j + 1 < d_; ++j) nspec_ *= n;

    // The retained modes in torus_series order, with their symbols (MATH.md 6):
    // G^(k) = c |2 pi k|^(s-d), and L(k) = -(theta/2)|2 pi k|^2 - c |2 pi k|^(s-d+2) for the
    // gradient flow (-|2 pi k|^2 G^(k) is the symbol of Lap h), -(theta/2)|2 pi k|^2 for the
    // conservative flow.
    const torus_series layout(d_, K);
    const std::size_t r = layout.size();
    const double c = g.fourier_constant(), s = g.s();
    pos_.resize(r);
    two_pi_k_.resize(r * d_);
    G_.assign(r, 0.0);
    L_.assign(r, 0.0);
    int k[3];
    for (std::size_t i = 0; i < r; ++i) {
        layout.mode(i, k);
        std::size_t p = 0;
        long k2 = 0;
        for (int j = 0; j < d_; ++j) {
            if (j + 1 < d_) p = p * n + static_cast<std::size_t>((k[j] + n) % n);
            two_pi_k_[i * d_ + j] = two_pi * k[j];
            k2 += static_cast<long>(k[j]) * k[j];
        }
        pos_[i] = p * static_cast<std::size_t>(n / 2 + 1) + static_cast<std::size_t>(k[d_ - 1]);
        if (k2 == 0) continue;
        const double kk = two_pi * std::sqrt(static_cast<double>(k2));
        G_[i] = c * std::pow(kk, s - d_);
        L_[i] = -0.5 * theta * kk * kk;
        if (!conservative_) L_[i] -= c * std::pow(kk, s - d_ + 2.0);
    }
    for (cvec* v : {&u_, &nu_, &a_, &na_, &b_, &nb_, &c_, &nc_, &fluct_}) v->assign(r, 0.0);
    const int origin[3] = {0, 0, 0};
    zero_ = layout.index(origin);

    for (int j = 0; j <= d_; ++j) spec_.push_back(fftw_zeros<std::complex<double>>(nspec_));
    mu_grid_ = fftw_zeros<double>(ngrid_);
    for (int j = 0; j < d_; ++j) grad_grid_.push_back(fftw_zeros<double>(ngrid_));
    to_grid_ = plan_c2r(d_, n, spec_[0].get(), mu_grid_.get());
    to_spec_ = plan_r2c(d_, n, mu_grid_.get(), spec_[0].get());
    min_density_ = std::numeric_limits<double>::infinity();
}

void spectral_solver::set_state(const torus_series& mu) {
    for (std::size_t i = 0; i < u_.size(); ++i) u_[i] = mu[i];
}

void spectral_solver::get_state(torus_series& mu) const {
    for (std::size_t i = 0; i < u_.size(); ++i) mu.set(i, u_[i]);
}

void spectral_solver::time_derivative(torus_series& dmu) {
    cvec out(u_.size());
    nonlinear(u_, out);
    for (std::size_t i = 0; i < u_.size(); ++i) dmu.set(i, out[i] + L_[i] * u_[i]);
}

// The grid values of sum_r c[r] factor[r] (2 pi i k_derivative) e^{2 pi i k.x} (derivative < 0:
// no derivative), by one inverse FFT of the half spectrum in `spec` (c2r sums the series at
// the nodes j/n; the coefficients are normalised, so no rescaling).
void spectral_solver::to_grid(const cvec& c, const std::vector<double>* factor, int derivative,
                              std::complex<double>* spec, double* grid) const {
    std::fill(spec, spec + nspec_, std::complex<double>{});
    for (std::size_t i = 0; i < c.size(); ++i) {
        std::complex<double> v = factor ? c[i] * (*factor)[i] : c[i];
        if (derivative >= 0) v *= std::complex<double>(0.0, two_pi_k_[i * d_ + derivative]);
        spec[pos_[i]] = v;
    }
    fftw_execute_dft_c2r(to_grid_.get(), as_fftw(spec), grid);
}

// N(mu) = div((mu - 1) A grad h), A = I (gradient) or J (conservative): mu - 1 and grad h on
// the grid, their product there (exact on the retained modes under the 2/3 rule), then the
// divergence in Fourier space; N^(0) = 0 exactly. Serial on purpose: the d + 1 transforms are
// independent, but OpenMP over them ran 10x slower on a loaded 2-core machine (threads
// descheduled at the barriers of ~1e4 short parallel regions), for <= 2x when idle.
double spectral_solver::nonlinear(const cvec& u, cvec& out) {
    fluct_ = u;
    fluct_[zero_] = 0.0;
    const int d = d_;
    for (int j = 0; j <= d; ++j) {
        if (j == d) to_grid(fluct_, nullptr, -1, spec_[j].get(), mu_grid_.get());
        else to_grid(u, &G_, j, spec_[j].get(), grad_grid_[j].get());
    }

    const double* m = mu_grid_.get();
    double min_mu = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < ngrid_; ++p) min_mu = std::min(min_mu, m[p]);
    if (conservative_) {
        // J grad h = (-h_y, h_x).
        double* gx = grad_grid_[0].get();
        double* gy = grad_grid_[1].get();
        for (std::size_t p = 0; p < ngrid_; ++p) {
            const double fx = -m[p] * gy[p];
            gy[p] = m[p] * gx[p];
            gx[p] = fx;
        }
    } else {
        for (int j = 0; j < d; ++j) {
            double* gj = grad_grid_[j].get();
            for (std::size_t p = 0; p < ngrid_; ++p) gj[p] *= m[p];
        }
    }

    for (int j = 0; j < d; ++j) {
        fftw_execute_dft_r2c(to_spec_.get(), grad_grid_[j].get(), as_fftw(spec_[j].get()));
    }
    const double norm = 1.0 / static_cast<double>(ngrid_);
    for (std::size_t i = 0; i < out.size(); ++i) {
        std::complex<double> div = 0.0;
        for (int j = 0; j < d; ++j) div += std::complex<double>(0.0, two_pi_k_[i * d + j] * norm) * spec_[j][pos_[i]];
        out[i] = div;
    }
    return min_mu + u[zero_].real();
}

void spectral_solver::check_positive(double t, double min_mu) {
    min_density_ = std::min(min_density_, min_mu);
    if (!(min_mu > 0.0)) {
        std::ostringstream m;
        m << "spectral_torus: at t = " << t << " the density on the " << n_ << "^" << d_ << " grid has minimum "
          << min_mu << " (it must stay positive): the run is under-resolved; refine the grid or the time step";
        throw run_error(m.str());
    }
}

double spectral_solver::grid_min_density() {
    fluct_ = u_;
    fluct_[zero_] = 0.0;
    to_grid(fluct_, nullptr, -1, spec_[0].get(), mu_grid_.get());
    double min_mu = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < ngrid_; ++p) min_mu = std::min(min_mu, mu_grid_[p]);
    min_mu += u_[zero_].real();
    min_density_ = std::min(min_density_, min_mu);
    return min_mu;
}

void spectral_solver::advance(double t, double h, long m) {
    if (h != w_.h) w_.make(L_, h);
    const std::size_t r = u_.size();
    for (long step = 0; step < m; ++step) {
        check_positive(t + step * h, nonlinear(u_, nu_));
        for (std::size_t i = 0; i < r; ++i) a_[i] = w_.E2[i] * u_[i] + w_.Q[i] * nu_[i];
        nonlinear(a_, na_);
        for (std::size_t i = 0; i < r; ++i) b_[i] = w_.E2[i] * u_[i] + w_.Q[i] * na_[i];
        nonlinear(b_, nb_);
        for (std::size_t i = 0; i < r; ++i) c_[i] = w_.E2[i] * a_[i] + w_.Q[i] * (2.0 * nb_[i] - nu_[i]);
        nonlinear(c_, nc_);
        for (std::size_t i = 0; i < r; ++i) {
            u_[i] = w_.E[i] * u_[i] + w_.f1[i] * nu_[i] + 2.0 * w_.f2[i] * (na_[i] + nb_[i]) + w_.f3[i] * nc_[i];
        }
    }
}

}  // namespace mfv::meanfield::detail
