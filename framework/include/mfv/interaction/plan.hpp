// An interaction plan (FINUFFT's shape): made once for (kernel, domain, N, accuracy),
// executed on many configurations, and it says the accuracy it promises.
//
// For a configuration X_N it evaluates (MATH.md section 0)
//   potentials:  phi_i  = sum_{j != i} g(x_i - x_j)
//   gradients:   G_i    = sum_{j != i} grad g(x_i - x_j)   (so grad_i H_N = G_i)
//   pair_energy: sum_{i != j} g(x_i - x_j)                 (= 2 H_N)
// Diagonal terms are excluded by index, never by distance: two distinct particles at the
// same place give an infinite value, which the callers' guards report as a collision.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/kernel/riesz_kernel.hpp>

#include <memory>
#include <span>
#include <string>

namespace mfv::interaction {

class plan {
public:
    virtual ~plan() = default;

    virtual void potentials(points_view x, std::span<double> phi) = 0;
    // grad has the layout of x: grad[k * n + i] = k-th component of G_i.
    virtual void gradients(points_view x, std::span<double> grad) = 0;
    virtual double pair_energy(points_view x) = 0;

    // The potential (and its gradient) of charges q_j at sources y_j, at other points z_i:
    //   phi_i = sum_j q_j g(z_i - y_j),   grad_i = sum_j q_j grad g(z_i - y_j),
    // nothing excluded (a target on a source gives a non-finite value). Either output may be
    // empty (not computed); q empty means unit charges. The whole-space evaluators (direct,
    // tree) provide it; the periodic ones do not (std::logic_error), their charges enter
    // through periodic_plan::evaluate.
    virtual void evaluate_at(points_view sources, std::span<const double> q, points_view targets,
                             std::span<double> phi, std::span<double> grad);

    // Relative accuracy promised for potentials, gradients and energy (a test holds the
    // plan to it); for the direct sum it is the rounding level.
    virtual double promised_accuracy() const = 0;
    virtual std::string method() const = 0;
    virtual const kernel::riesz_kernel& kernel() const = 0;
    // One line: the parameters chosen for the promised accuracy (mfv energy and results.json
    // report it).
    virtual std::string describe() const = 0;
};

// The one place that chooses an evaluator for (kernel, domain, N, accuracy):
//   whole space: "direct", "tree" (tree.hpp); auto = tree from tree_crossover(g, accuracy)
//                particles on, direct below;
//   torus:       "ewald" (plain Ewald sum, ewald.hpp), "pme" (smooth particle-mesh Ewald,
//                pme.hpp); auto = pme.
// Throws mfv::input_error for a method unknown or not available on that domain.
std::unique_ptr<plan> make_plan(const kernel::riesz_kernel& g, std::size_t n, double accuracy,
                                const std::string& method = "auto",
                                domain::kind space = domain::kind::whole_space);

// The evaluator make_plan builds for these arguments ("direct", "tree", "ewald" or "pme"),
// without building it: what "auto" resolves to at this N (results.json records it).
std::string chosen_method(const kernel::riesz_kernel& g, std::size_t n, double accuracy,
                          const std::string& method = "auto", domain::kind space = domain::kind::whole_space);

}  // namespace mfv::interaction
