// The empirical amplitude of the initial law's lowest Fourier mode on the torus:
//   A_N(t) = (2/N) sum_i cos(2 pi k.x_i + phase),
// whose mean-field limit is the amplitude a(t) of the density 1 + a(t) cos(2 pi k.x + phase)
// + (other modes); to first order a(t) = a(0) e^(-lambda_k t) (MATH.md section 6).
#include <mfv/core/error.hpp>
#include <mfv/observables/observable.hpp>

#include <cmath>
#include <numbers>

namespace mfv::observables {

observable mode_amplitude_observable() {
    return {"mode_amplitude", "(2/N) sum_i cos(2 pi k.x_i + phase) for the lowest mode k of the initial fourier law",
            {"mode_amplitude"}, [](const context& c) {
                if (c.law == nullptr || c.law->modes.empty())
                    throw input_error("mode_amplitude needs a fourier law with at least one mode");
                const fourier_mode& m = lowest_mode(*c.law);
                long double sum = 0.0L;
                for (std::size_t i = 0; i < c.x.n; ++i) {
                    double phase = m.phase;
                    for (int k = 0; k < c.x.d; ++k) phase += 2.0 * std::numbers::pi * m.k[k] * c.x(i, k);
                    sum += std::cos(phase);
                }
                return std::vector<double>{static_cast<double>(2.0L * sum / static_cast<long double>(c.x.n))};
            }};
}

}  // namespace mfv::observables
