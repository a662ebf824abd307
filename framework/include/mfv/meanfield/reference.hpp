// A reference solution mu^t of the mean-field equation (DESIGN.md, "Interfaces").
//
// Exact closed forms and numerical solvers are interchangeable behind this interface.
// At time t it answers: density mu^t(x), potential h^t = g * mu^t at x and its gradient,
// the self-energy iint g dmu^t dmu^t, the mean-field velocity v^t(x) and ||Dv^t||_inf.
// Points are passed as pointers to d doubles.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/kernel/riesz_kernel.hpp>

#include <span>
#include <string>

namespace mfv::meanfield {

class reference {
public:
    virtual ~reference() = default;

    virtual std::string name() const = 0;
    virtual const kernel::riesz_kernel& kernel() const = 0;
    int dim() const { return kernel().d(); }
    virtual double mass() const { return 1.0; }

    virtual double density(double t, const double* x) const = 0;
    // h^t(x) = int g(x - y) dmu^t(y).
    virtual double potential(double t, const double* x) const = 0;
    virtual void potential_gradient(double t, const double* x, double* grad) const = 0;
    // iint g(x - y) dmu^t(x) dmu^t(y).
    virtual double self_energy(double t) const = 0;
    // The mean-field transport velocity: -grad h (gradient flow), -J grad h (conservative).
    // With noise the equation has the separate term (theta/2) Lap mu; velocity() does not
    // fold it in as -(theta/2) grad log mu.
    virtual void velocity(double t, const double* x, double* v) const = 0;
    // ||Dv^t||_inf, the Lipschitz constant of the velocity field (operator norm, sup over x).
    // +infinity when v^t is not Lipschitz (the Barenblatt profiles with s > d-2 and the
    // semicircle: v^t has a Hoelder cusp just outside the support).
    virtual double lipschitz_velocity(double t) const = 0;
    // The same sup taken over the support of mu^t only (one-sided at its edge); it differs
    // from lipschitz_velocity() where the sup over all x is reached outside the support.
    virtual double lipschitz_velocity_on_support(double t) const { return lipschitz_velocity(t); }
    // False for a numerical solution stored at the output times only (spectral_torus): it
    // may then be asked at those times and no others.
    virtual bool defined_between_outputs() const { return true; }
    // Radius of a ball that holds the support (infinity for unbounded laws).
    virtual double support_radius(double t) const = 0;

    // h^t at every particle: h[i] = h^t(x_i). Default: one call per particle, in parallel.
    virtual void potentials(double t, points_view x, std::span<double> h) const;

    // The transport velocity of the mean-field equation written as d_t mu + div(u_theta mu) = 0:
    // u_theta = velocity() - (theta/2) grad log mu (reference/commutator.md 0). Default:
    // velocity(), right for the references without noise.
    virtual void transport_velocity(double t, const double* x, double* v) const { velocity(t, x, v); }

    // The commutator's terms against the reference, for v = transport_velocity()
    // (reference/commutator.md 1.1-1.2, energy/commutator.hpp):
    //   C(x) = int (v(x) - v(y)).grad g(x - y) dmu^t(y)    (= d_t h + v.grad h),
    //   D    = iint (v(x) - v(y)).grad g(x - y) dmu^t dmu^t (= dE/dt).
    // Only the references that have them in closed form give them; the others throw
    // std::logic_error (the study check refuses the commutator observable first).
    virtual bool has_commutator_terms() const { return false; }
    virtual double commutator_cross(double t, const double* x) const;
    virtual double commutator_self(double t) const;
};

}  // namespace mfv::meanfield
