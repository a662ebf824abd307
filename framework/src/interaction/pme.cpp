// The PME plan (pme.hpp): its parts (pme_parts.hpp) put together, phi_i = real_i + mesh_i
// + (Q - q_i) (B + tau), grad_i = real + mesh, energy = sum_i q_i phi_i.
#include "neumaier_sum.hpp"
#include <mfv/interaction/pme.hpp>

#include "pme_parts.hpp"

#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss.hpp>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace mfv::interaction {

namespace {

constexpr double pi = boost::math::constants::pi<double>();

// tau = int_{|y| > r_cut} psi(|y|^2) dy = |S^(d-1)| alpha^(s-d) int_xi^inf psi1(t) t^(d-1) dt,
// psi1 the alpha = 1 real-space function, xi = alpha r_cut; 20-point Gauss-Legendre panels
// of width 1/4 up to xi + 12 (beyond, psi1 < e^-144).
double real_space_tail(const kernel::riesz_kernel& g, double alpha, double r_cut) {
    const ewald_split unit(g, 1.0);
    const int d = g.d();
    const double xi = alpha * r_cut;
    long double sum = 0.0L;
    for (int i = 0; i < 48; ++i) {
        const double a = xi + 0.25 * i, b = a + 0.25;
        sum += boost::math::quadrature::gauss<double, 20>::integrate(
            [&](double t) { return unit.real_value(t * t) * std::pow(t, d - 1); }, a, b);
    }
    const double area = d == 1 ? 2.0 : (d == 2 ? 2.0 * pi : 4.0 * pi);
    return area * std::pow(alpha, g.s() - d) * static_cast<double>(sum);
}

using detail::neumaier_sum;

void check(const kernel::riesz_kernel& g, const pme_parameters& p) {
    const auto fail = [](const std::string& what) { throw input_error("pme parameters: " + what); };
    if (!(p.alpha > 0.0) || !std::isfinite(p.alpha)) fail("alpha must be positive");
    if (!(p.r_cut > 0.0 && p.r_cut < 0.5)) fail("r_cut must be in (0, 1/2)");
    if (p.order < 4 || p.order > 16 || p.order % 2 != 0) fail("the order must be even, 4 to 16");
    if (p.mesh < p.order || p.mesh % 2 != 0) fail("the mesh size K must be even and at least the order");
    double points = 1.0;
    for (int a = 0; a < g.d(); ++a) points *= p.mesh;
    if (points > double(1 << 27)) fail("the mesh has more than 2^27 points");
}

std::string format(const char* fmt, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

}  // namespace

struct pme_plan::impl {
    impl(const kernel::riesz_kernel& g, const pme_parameters& p)
        : real(g, p.alpha, p.r_cut, p.portable),
          mesh(g, p.alpha, p.mesh, p.order),
          background(ewald_split(g, p.alpha).background()),
          tail(real_space_tail(g, p.alpha, p.r_cut)) {}

    pme_detail::real_space real;
    pme_detail::reciprocal_space mesh;
    double background, tail;
    pme_detail::sorted_particles sorted;
    std::vector<double> ones, phi_real, phi_mesh, grad_real, grad_mesh, phi_out;
};

pme_plan::pme_plan(const kernel::riesz_kernel& g, double accuracy, std::size_t n_hint)
    : g_(g), accuracy_(accuracy), params_(choose_pme_parameters(g, accuracy, n_hint)),
      impl_(std::make_unique<impl>(g, params_)) {}

pme_plan::pme_plan(const kernel::riesz_kernel& g, const pme_parameters& p, double promised)
    : g_(g), accuracy_(promised), params_(p) {
    check(g, p);
    if (!(promised > 0.0 && promised < 1.0)) throw input_error("pme: promised accuracy must be in (0, 1)");
    impl_ = std::make_unique<impl>(g, params_);
}

pme_plan::~pme_plan() = default;

double pme_plan::mesh_self() const { return impl_->mesh.self_term(); }
double pme_plan::real_tail() const { return impl_->tail; }
double pme_plan::background() const { return impl_->background; }

std::string pme_plan::describe() const {
    const auto& t = impl_->real.table();
    return "pme: " + params_.describe() + "; real-space table of degree " + std::to_string(t.degree) +
           " (max relative error " + format("%.1e", t.max_error) + ")";
}

void pme_plan::evaluate(points_view x, std::span<const double> q, std::span<double> phi, std::span<double> grad,
                        double* energy) {
    const int d = g_.d();
    const std::size_t n = x.n, dn = static_cast<std::size_t>(d) * n;
    if (x.d != d)
        throw std::invalid_argument("pme_plan::evaluate: points of dimension " + std::to_string(x.d) +
                                    " for a kernel in d = " + std::to_string(d));
    if (!q.empty() && q.size() != n)
        throw std::invalid_argument("pme_plan::evaluate: " + std::to_string(q.size()) + " charges for N = " +
                                    std::to_string(n));
    if (!phi.empty() && phi.size() != n)
        throw std::invalid_argument("pme_plan::evaluate: phi has " + std::to_string(phi.size()) +
                                    " entries for N = " + std::to_string(n));
    if (!grad.empty() && grad.size() != dn)
        throw std::invalid_argument("pme_plan::evaluate: grad has " + std::to_string(grad.size()) +
                                    " entries, d N = " + std::to_string(dn));
    if (n == 0) {
        if (energy) *energy = 0.0;
        return;
    }
    auto& w = *impl_;
    if (q.empty()) {
        w.ones.assign(n, 1.0);
        q = w.ones;
    }
    // Both parts work in the order of the real-space cell columns (sorted_particles); the
    // results are put back in the caller's order once, at the end.
    w.sorted.sort(x, q.data(), w.real.columns(n).m);
    const bool want_phi = !phi.empty() || energy;
    const bool want_grad = !grad.empty();
    if (want_phi) {
        w.phi_real.resize(n);
        w.phi_mesh.resize(n);
    }
    if (want_grad) {
        w.grad_real.resize(dn);
        w.grad_mesh.resize(dn);
    }
    w.real.evaluate(w.sorted, want_phi ? w.phi_real.data() : nullptr, want_grad ? w.grad_real.data() : nullptr);
    w.mesh.evaluate(w.sorted, want_phi ? w.phi_mesh.data() : nullptr, want_grad ? w.grad_mesh.data() : nullptr);

    const std::size_t* origin = w.sorted.origin.data();
    const double* qs = w.sorted.q.data();
    if (want_grad) {
#pragma omp parallel for schedule(static) if (n > 65536)
        for (std::ptrdiff_t ss = 0; ss < static_cast<std::ptrdiff_t>(n); ++ss) {
            const auto s = static_cast<std::size_t>(ss);
            for (int k = 0; k < d; ++k) {
                const std::size_t a = static_cast<std::size_t>(k) * n;
                grad[a + origin[s]] = w.grad_real[a + s] + w.grad_mesh[a + s];
            }
        }
    }
    if (want_phi) {
        const double total = neumaier_sum(n, [&](std::size_t i) { return q[i]; });
        const double constant = w.background + w.tail;
        std::span<double> out = phi;
        if (out.empty()) {
            w.phi_out.resize(n);
            out = w.phi_out;
        }
#pragma omp parallel for schedule(static) if (n > 65536)
        for (std::ptrdiff_t ss = 0; ss < static_cast<std::ptrdiff_t>(n); ++ss) {
            const auto s = static_cast<std::size_t>(ss);
            out[origin[s]] = (w.phi_real[s] + w.phi_mesh[s]) + (total - qs[s]) * constant;
        }
        if (energy) *energy = neumaier_sum(n, [&](std::size_t i) { return q[i] * out[i]; });
    }
}

}  // namespace mfv::interaction
