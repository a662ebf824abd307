// Argument checks shared by the whole-space plans (direct.cpp, tree.cpp), private to the
// interaction module: the points' dimension against the kernel's, the sizes of the outputs
// asked for, and the number of charges. Each throws std::invalid_argument naming the plan
// and call (`where`, e.g. "tree_plan::evaluate_at (targets)").
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/kernel/riesz_kernel.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace mfv::interaction::detail {

// A size that is not checked (the output is not asked for).
constexpr auto unchecked = static_cast<std::size_t>(-1);

inline void check_shapes(const kernel::riesz_kernel& g, points_view x, std::size_t phi_size, std::size_t grad_size,
                         const std::string& where) {
    const std::size_t dn = static_cast<std::size_t>(x.d) * x.n;
    if (x.d != g.d()) {
        throw std::invalid_argument(where + ": points of dimension " + std::to_string(x.d) + " for a kernel in d = " +
                                    std::to_string(g.d()));
    }
    if (phi_size != unchecked && phi_size != x.n) {
        throw std::invalid_argument(where + ": phi has " + std::to_string(phi_size) + " entries for N = " +
                                    std::to_string(x.n));
    }
    if (grad_size != unchecked && grad_size != dn) {
        throw std::invalid_argument(where + ": grad has " + std::to_string(grad_size) + " entries, d N = " +
                                    std::to_string(dn));
    }
}

// evaluate_at: sources and targets of the kernel's dimension, outputs (when asked for) sized
// for the targets, one charge a source or none (unit charges).
inline void check_evaluate_at(const kernel::riesz_kernel& g, points_view sources, std::size_t charges,
                              points_view targets, std::size_t phi_size, std::size_t grad_size, const std::string& plan) {
    check_shapes(g, sources, unchecked, unchecked, plan + "::evaluate_at (sources)");
    check_shapes(g, targets, phi_size == 0 ? unchecked : phi_size, grad_size == 0 ? unchecked : grad_size,
                 plan + "::evaluate_at (targets)");
    if (charges != 0 && charges != sources.n)
        throw std::invalid_argument(plan + "::evaluate_at: " + std::to_string(charges) + " charges for " +
                                    std::to_string(sources.n) + " sources");
}

}  // namespace mfv::interaction::detail
