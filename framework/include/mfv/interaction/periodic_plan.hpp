// An interaction plan on the unit torus T^d = [0,1)^d (MATH.md section 6), for the periodic
// kernel G with neutralizing background. Same shape as plan.hpp (made once, executed many
// times, says its accuracy), with signed charges q_j for lattice checks (rock salt):
//   phi_i  = sum_{j != i} q_j G(x_i - x_j)
//   grad_i = sum_{j != i} q_j grad G(x_i - x_j)
//   energy = sum_{i != j} q_i q_j G(x_i - x_j)
// The plan interface (potentials, gradients, pair_energy) is the case q_j = 1. Positions
// may lie outside [0,1): they are read modulo 1. The field of a particle's own periodic
// images is NOT in phi_i; it is q_i * regular_part_at_zero() (add it for a lattice sum).
//
// Accuracy: promised_accuracy() bounds the relative RMS errors
//   sqrt(sum_i |phi_i - phi_i^ex|^2 / sum_i |phi_i^ex|^2) and the same for grad_i,
// and |energy - energy^ex| / sum_i |q_i phi_i^ex|, checked in the tests against the plain
// Ewald sum (ewald_plan) at a tighter accuracy.
#pragma once
#include <mfv/interaction/plan.hpp>

#include <span>

namespace mfv::interaction {

class periodic_plan : public plan {
public:
    // Any of phi, grad, energy may be empty / null when not wanted. q empty means q_j = 1.
    virtual void evaluate(points_view x, std::span<const double> q, std::span<double> phi,
                          std::span<double> grad, double* energy) = 0;

    // lim_{x -> 0} G(x) - g(x) (ewald_split.hpp).
    double regular_part_at_zero() const;

    void potentials(points_view x, std::span<double> phi) override { evaluate(x, {}, phi, {}, nullptr); }
    void gradients(points_view x, std::span<double> grad) override { evaluate(x, {}, {}, grad, nullptr); }
    double pair_energy(points_view x) override {
        double e = 0.0;
        evaluate(x, {}, {}, {}, &e);
        return e;
    }
};

}  // namespace mfv::interaction
