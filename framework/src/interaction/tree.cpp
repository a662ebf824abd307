// The fast whole-space evaluator's plan (tree.hpp): checks shapes, holds the engine
// (tree_engine.cpp), sums the energy.
#include <mfv/interaction/tree.hpp>

#include "neumaier_sum.hpp"
#include "plan_checks.hpp"
#include "tree_engine.hpp"

#include <mfv/core/error.hpp>

#include <sstream>
#include <stdexcept>
#include <vector>

namespace mfv::interaction {
tree_plan::tree_plan(const kernel::riesz_kernel& g, double accuracy)
    : tree_plan(g, accuracy, choose_tree_parameters(g, accuracy)) {}

tree_plan::tree_plan(const kernel::riesz_kernel& g, double accuracy, const tree_parameters& p)
    : g_(g), accuracy_(accuracy), params_(p) {
    if (!(p.degree >= 1 && p.degree <= 40)) throw std::invalid_argument("tree_plan: degree must be in [1, 40]");
    if (p.leaf_size < 1) throw std::invalid_argument("tree_plan: leaf_size must be >= 1");
    if (!(p.max_level >= 1 && p.max_level <= 50)) throw std::invalid_argument("tree_plan: max_level must be in [1, 50]");
    engine_ = make_tree_engine(g, p);
}

tree_plan::~tree_plan() = default;

void tree_plan::potentials(points_view x, std::span<double> phi) {
    detail::check_shapes(g_, x, phi.size(), detail::unchecked, "tree_plan::potentials");
    engine_->run({x, nullptr, {}, phi.data(), nullptr}, stats_);
}

void tree_plan::gradients(points_view x, std::span<double> grad) {
    detail::check_shapes(g_, x, detail::unchecked, grad.size(), "tree_plan::gradients");
    engine_->run({x, nullptr, {}, nullptr, grad.data()}, stats_);
}

void tree_plan::potentials_and_gradients(points_view x, std::span<double> phi, std::span<double> grad) {
    detail::check_shapes(g_, x, phi.size(), grad.size(), "tree_plan::potentials_and_gradients");
    engine_->run({x, nullptr, {}, phi.data(), grad.data()}, stats_);
}

// sum_{i != j} g = sum_i phi_i (MATH.md section 0), added in index order with Neumaier
// compensation, as the direct plan does.
double tree_plan::pair_energy(points_view x) {
    std::vector<double> phi(x.n);
    potentials(x, phi);
    return detail::neumaier_sum(phi.size(), [&](std::size_t i) { return phi[i]; });
}

void tree_plan::evaluate_at(points_view sources, std::span<const double> q, points_view targets,
                            std::span<double> phi, std::span<double> grad) {
    detail::check_evaluate_at(g_, sources, q.size(), targets, phi.size(), grad.size(), "tree_plan");
    if (targets.x == nullptr && targets.n > 0) throw std::invalid_argument("tree_plan::evaluate_at: no target data");
    if (targets.n == 0) return;
    if (sources.n == 0) {
        std::fill(phi.begin(), phi.end(), 0.0);
        std::fill(grad.begin(), grad.end(), 0.0);
        return;
    }
    engine_->run({sources, q.empty() ? nullptr : q.data(), targets, phi.empty() ? nullptr : phi.data(),
                  grad.empty() ? nullptr : grad.data()},
                 stats_);
}

std::string tree_plan::describe() const {
    std::ostringstream os;
    os << "degree " << params_.degree << " (" << params_.degree + 1 << "^" << g_.d() << " Chebyshev points a box), leaf "
       << params_.leaf_size << ", separated when the gap is >= the smaller box's width, "
       << (params_.dual_traversal ? "dual traversal" : "particle-cluster") << ", M2L ";
    if (const auto r = engine_->compression_rank(); r > 0) {
        os << "compressed to rank " << r << " (cutoff " << params_.svd_cutoff << ")";
    } else {
        os << "uncompressed, field expansions";
    }
    return os.str();
}

}  // namespace mfv::interaction
