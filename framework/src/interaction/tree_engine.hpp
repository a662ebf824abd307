// The evaluation pipeline of the fast evaluator (tree.hpp), private to the interaction
// module. One engine per plan: it keeps the Chebyshev tables and the M2L operators (which
// depend on the kernel and the degree only) and rebuilds the tree for every configuration.
#pragma once
#include <mfv/interaction/tree.hpp>

#include <memory>

namespace mfv::interaction {

struct tree_request {
    points_view sources;
    const double* q = nullptr;      // charges; null = unit charges
    points_view targets;            // targets.x == nullptr: the sources, self term excluded
    double* phi = nullptr;          // n_targets outputs, or null
    double* grad = nullptr;         // d * n_targets outputs (structure of arrays), or null
};

class tree_engine {
public:
    virtual ~tree_engine() = default;
    virtual void run(const tree_request& r, tree_statistics& stats) = 0;
    // Rank of the compressed M2L operators, 0 when they are applied uncompressed.
    virtual std::size_t compression_rank() const = 0;
};

std::unique_ptr<tree_engine> make_tree_engine(const kernel::riesz_kernel& g, const tree_parameters& p);

}  // namespace mfv::interaction
