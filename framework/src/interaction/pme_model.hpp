// The PME error model for the parameter choice (private to pme_params.cpp; implemented with
// the model itself in pme_error_model.cpp).
#pragma once
#include <mfv/interaction/pme.hpp>

#include <boost/math/constants/constants.hpp>

#include <cstddef>
#include <memory>

namespace mfv::interaction::pme_detail {

inline double sphere_area(int d) {
    constexpr double pi = boost::math::constants::pi<double>();
    return d == 1 ? 2.0 : (d == 2 ? 2.0 * pi : 4.0 * pi);
}
inline double ball_volume(int d) {
    constexpr double pi = boost::math::constants::pi<double>();
    return d == 1 ? 2.0 : (d == 2 ? pi : 4.0 * pi / 3.0);
}

// The model for one kernel and n particles: the real-space tail integrals and the scales of
// the exact pair terms are computed once.
class error_model {
public:
    error_model(const kernel::riesz_kernel& g, std::size_t n);
    ~error_model();

    // The larger of the relative errors of phi and grad from the real-space truncation.
    double real_relative(double alpha, double r_cut) const;

    // The same for the mesh, for one alpha (its sums over k prepared once) and any (K, p).
    class mesh_at {
    public:
        mesh_at(const error_model& model, double alpha);
        ~mesh_at();
        double relative(int mesh, int order) const;

    private:
        struct impl;
        std::unique_ptr<impl> impl_;
        const error_model& model_;
    };

    pme_error_model errors(const pme_parameters& p) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace mfv::interaction::pme_detail
