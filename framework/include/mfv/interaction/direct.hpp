// Direct O(N^2) summation of the Riesz / log interaction (MATH.md section 0).
//
// Every particle's sum is done by one thread, over j in increasing order, in fixed-width
// blocks: the same sums in the same order whatever the thread count. Coulomb and integer s
// use paths without pow(); a general s uses vectorised exp/log.
#pragma once
#include <mfv/interaction/plan.hpp>

namespace mfv::interaction {

class direct_plan final : public plan {
public:
    explicit direct_plan(const kernel::riesz_kernel& g) : g_(g) {}

    void potentials(points_view x, std::span<double> phi) override;
    void gradients(points_view x, std::span<double> grad) override;
    double pair_energy(points_view x) override;

    double promised_accuracy() const override;
    std::string method() const override { return "direct"; }
    const kernel::riesz_kernel& kernel() const override { return g_; }

private:
    kernel::riesz_kernel g_;
};

}  // namespace mfv::interaction
