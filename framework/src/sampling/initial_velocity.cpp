#include <mfv/sampling/initial_velocity.hpp>

#include <stdexcept>

namespace mfv::sampling {

std::vector<double> initial_velocity(const velocity_spec& u0, points_view x) {
    std::vector<double> v(static_cast<std::size_t>(x.d) * x.n, 0.0);
    if (u0.type == "zero") return v;
    if (u0.type != "linear") throw std::invalid_argument("initial_velocity: unknown type \"" + u0.type + "\"");
    for (std::size_t q = 0; q < v.size(); ++q) v[q] = u0.a * x.x[q];
    return v;
}

}  // namespace mfv::sampling
