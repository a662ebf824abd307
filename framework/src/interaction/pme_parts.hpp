// The parts of the PME plan (pme.hpp), private to src/interaction/pme_*.cpp:
//   sorted_particles, column_plan   the cell columns and the particle order (pme_cells.cpp);
//   smooth_table     the real-space kernel's smooth part, tabulated (pme_real_table.cpp);
//   real_space       the minimum-image pair sum within r_cut (pme_real.cpp);
//   fast_fourier_coefficient        phi(|k|^2) at many k (pme_fourier.cpp);
//   mesh_fft         in-place r2c / c2r FFTs of a K^d mesh, deterministic (pme_fft.cpp);
//   reciprocal_space B-spline spreading, influence function, interpolation (pme_mesh.cpp,
//                    B-splines in pme_splines.hpp), the mesh's self-interaction (pme_self.cpp).
// Both parts evaluate in the order of sorted_particles and write their part of phi and grad
// in that order; the plan (pme.cpp) adds them and puts them back in the caller's order.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/interaction/ewald_split.hpp>
#include <mfv/kernel/riesz_kernel.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <memory>
#include <vector>

namespace mfv::interaction::pme_detail {

// The real-space term psi(r^2) of ewald_split and its repulsion -psi'(r)/r, written as the
// kernel minus a part that is entire in u = alpha^2 r^2 (MATH.md section 6):
//   Riesz: psi = r^-s / s - S0(u),   S0 = alpha^s gamma*(s/2, u) / s,
//          rep = r^(-s-2) - S1(u),   S1 = alpha^(s+2) gamma*(s/2 + 1, u);
//   log:   psi = -log r - S0(u),     S0 = gamma_E/2 + log(alpha) - Ein(u)/2,
//          rep = r^-2 - S1(u),       S1 = alpha^2 (1 - e^-u) / u = alpha^2 gamma*(1, u);
// gamma*(a, u) = u^-a P(a, u) = e^-u sum_n u^n / Gamma(a + n + 1) is Tricomi's entire
// incomplete gamma function, Ein(u) = int_0^u (1 - e^-t) / t dt = E1(u) + log u + gamma_E.
// (rep from psi: d gamma*(a, u)/du = -a gamma*(a + 1, u).) S0 and S1 are tabulated on
// [0, u_max], u_max = alpha^2 r_cut^2, in 16 equal pieces, each a polynomial of one degree in
// t in [-1, 1] (Chebyshev interpolation at Chebyshev points, in monomial form), so that a
// piece is picked by a 16-entry lane permute.
struct smooth_table {
    static constexpr int pieces = 16;
    double u_max = 0.0;
    double scale = 0.0;  // pieces / u_max
    int degree = 0;
    // coef[(f * (degree + 1) + j) * pieces + piece]: function f (0: S0, 1: S1), coefficient of t^j.
    std::vector<double> coef;
    // Largest error found at 64 points a piece, relative to r^-s / s (-log r) for S0 and to
    // r^(-s-2) for S1: the error of psi and rep relative to the kernel's own size.
    double max_error = 0.0;

    // Throws std::runtime_error if no degree up to 24 reaches 1e-15.
    static smooth_table build(const kernel::riesz_kernel& g, double alpha, double r_cut);
    const double* coefficients(int f, int j) const { return coef.data() + (f * (degree + 1) + j) * pieces; }
    // S_f(u) from the table (scalar), 0 <= u <= u_max.
    double operator()(int f, double u) const;
};

// S0(u) and S1(u) to ~1e-18 (long double series), the reference of the table.
long double smooth_part(const kernel::riesz_kernel& g, double alpha, int f, long double u);

// The configuration sorted into cell columns (pme_real.cpp), the order in which both parts
// work: columns of side 1/m in the first d - 1 coordinates (one column in d = 1) in row-major
// order, and in each column the particles by their last coordinate (ties by index). Sorting
// is deterministic, so everything done in this order is.
struct sorted_particles {
    int d = 0, m = 1;
    std::size_t n = 0;
    std::vector<double> x;                  // x[k n + s]: coordinate k of particle s, wrapped to [0,1)
    std::vector<double> q;
    std::vector<std::size_t> origin;        // particle s is origin[s] in the caller's order
    std::vector<std::size_t> column_start;  // m^(d-1) + 1 offsets
    std::vector<std::size_t> column_of;     // workspace

    // x may lie outside [0,1) (read modulo 1); q has n entries.
    void sort(points_view x, const double* q, int m);
    points_view view() const { return {d, n, x.data()}; }
    std::size_t columns() const { return column_start.size() - 1; }
};

// phi(k^2) of ewald_split (the Fourier coefficient), fast (pme_fourier.cpp): closed forms
// through erfc or exp when 2b = d - s is an integer, long double series / continued fraction
// otherwise; ~1e-15 relative, checked against ewald_split at construction.
class fast_fourier_coefficient {
public:
    explicit fast_fourier_coefficient(const ewald_split& split);
    double operator()(double k2) const;

private:
    double upper_gamma(double z) const;  // Gamma(b, z)
    double b_, power_, z_per_k2_, scale_ = 0.0;
    bool half_integer_ = false;
};

// The cell columns of the real-space sum for n particles: side 1/m in the first d - 1
// coordinates, m = floor(j / r_cut) (a reach of j columns each way covers r_cut), for the
// reach j = 1, 2 or 3 of least modelled cost (pme_real.cpp): per particle, `windows` columns
// visited at `window_cost` each and `candidates` pairs tested for distance (a wider column
// visits fewer windows but tests more pairs). m < 2 j + 1 visits all m columns per axis.
struct column_plan {
    int m = 1, reach = 1;
    double windows = 1.0, candidates = 0.0;
    static constexpr double window_cost = 35e-9, candidate_cost = 1.6e-9;  // s, one core (pme_bench)
    static column_plan choose(int d, double r_cut, double n);
};

class real_space {
public:
    // portable: the portable lanes of simd.hpp instead of AVX-512 (for tests).
    real_space(const kernel::riesz_kernel& g, double alpha, double r_cut, bool portable = false);

    // phi_s = sum_{j != s, |x_s - x_j| < r_cut} q_j psi, grad_s = -sum q_j rep (x_s - x_j),
    // minimum image, in the sorted order; phi or grad may be null. The particles must be
    // sorted into columns(n).m columns per axis.
    void evaluate(const sorted_particles& p, double* phi, double* grad);

    double r_cut() const { return r_cut_; }
    const smooth_table& table() const { return table_; }
    column_plan columns(std::size_t n) const { return column_plan::choose(g_.d(), r_cut_, static_cast<double>(n)); }

private:
    kernel::riesz_kernel g_;
    double alpha_, r_cut_;
    bool portable_;
    smooth_table table_;
    std::vector<double> extended_;  // workspace: each column's z extended periodically
};

// The K^d real mesh transformed in place: real layout K^(d-1) rows of 2 L doubles (the first
// K used), complex layout K^(d-1) rows of L values (the first K/2 + 1 used), L = K/2 + 1
// rounded up to a multiple of 8. Plans are made once (FFTW_ESTIMATE, so the same algorithm
// every time) and executed on independent rows and planes by OpenMP: each transform is the
// same computation whichever thread runs it, so the results do not depend on the threads.
class mesh_fft {
public:
    mesh_fft(int d, int k);
    ~mesh_fft();
    mesh_fft(const mesh_fft&) = delete;
    mesh_fft& operator=(const mesh_fft&) = delete;

    double* real() { return data_; }
    std::complex<double>* spectrum() { return reinterpret_cast<std::complex<double>*>(data_); }
    int row_length() const { return l_; }  // L
    std::size_t rows() const { return rows_; }  // K^(d-1)

    void forward();   // real -> spectrum, sum_m f(m) e^{-2 pi i k.m / K}
    void backward();  // spectrum -> real, sum_k F(k) e^{+2 pi i k.m / K} (unnormalised)

private:
    struct plans;
    void along_first_axis(int sign);
    int d_, k_, l_;
    std::size_t rows_;
    bool parallel_ = true;
    double* data_ = nullptr;
    std::unique_ptr<plans> plans_;
};

class reciprocal_space {
public:
    reciprocal_space(const kernel::riesz_kernel& g, double alpha, int mesh, int order);

    // phi_s = sum_m M(K x_s - m) V(m) - q_s S(x_s), grad_s its x-gradient, V = theta * (spread
    // charges), S(x) the mesh's interaction of a unit charge with itself (pme_mesh.cpp): the
    // j = s term removed exactly. In the sorted order; phi or grad may be null.
    void evaluate(const sorted_particles& p, double* phi, double* grad);

    // sigma, the mean of S over positions.
    double self_term() const { return self_; }

    // S(x) - sigma = sum of coef prod_a cos(2 pi n_a K x_a) over these harmonics.
    struct self_harmonic {
        std::array<int, 3> n;
        double coef;
    };

private:
    void build_influence();
    void build_self_series();                                                        // pme_self.cpp
    void self_at(const points_view& x, std::size_t i, double& s, double* ds) const;  // pme_self.cpp
    void make_blocks(const sorted_particles& p);
    void spread(const sorted_particles& p);
    void fold();
    void convolve();
    void unfold();
    void interpolate(const sorted_particles& p, double* phi, double* grad);

    kernel::riesz_kernel g_;
    ewald_split split_;
    int d_, k_, p_, padded_;  // padded_ = K + p - 1
    mesh_fft fft_;
    // phi at |k|^2 = k2 of the mesh (0 at k = 0 and where it is negligible), from phi_table_:
    // by |k| in d = 1, by k2 otherwise.
    double phi_at(long k2) const {
        if (d_ == 1) {
            const auto k = static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(k2))));
            return k < phi_table_.size() ? phi_table_[k] : 0.0;
        }
        return static_cast<std::size_t>(k2) < phi_table_.size() ? phi_table_[static_cast<std::size_t>(k2)] : 0.0;
    }
    std::vector<double> phi_table_;
    // |b(k)|^2 per axis index.
    std::vector<double> b2_;
    double self_ = 0.0;
    std::vector<self_harmonic> self_series_;
    std::vector<double> pad_;               // (K + p - 1)^d, spreading and interpolation mesh
    std::vector<std::size_t> block_start_;  // colour blocks of sorted particles (make_blocks)
};

}  // namespace mfv::interaction::pme_detail
