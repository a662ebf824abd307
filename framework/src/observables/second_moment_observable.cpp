// (1/N) sum_i |x_i|^2, the second moment of the empirical measure (MATH.md section 2: the
// virial identity and the profiles' second moments make it a check of the dynamics).
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/observables/observable.hpp>

namespace mfv::observables {

observable second_moment_observable() {
    return {"second_moment", "(1/N) sum_i |x_i|^2", {"second_moment"}, [](const context& c) {
                std::vector<double> r2(c.x.n, 0.0);
                for (int k = 0; k < c.x.d; ++k) {
                    const double* xk = c.x.coord(k);
                    for (std::size_t i = 0; i < c.x.n; ++i) r2[i] += xk[i] * xk[i];
                }
                const double m = static_cast<double>(energy::compensated_sum(r2.data(), r2.size()) /
                                                     static_cast<long double>(c.x.n));
                return std::vector<double>{m};
            }};
}

}  // namespace mfv::observables
