#include <mfv/interaction/direct.hpp>

#include <cmath>
#include <vector>

namespace mfv::interaction {

// Plain reference loops (scalar); to be replaced by the vectorised kernels.
void direct_plan::potentials(points_view x, std::span<double> phi) {
    const std::size_t n = x.n;
    const int d = x.d;
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) {
        double acc = 0.0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            double r2 = 0.0;
            for (int k = 0; k < d; ++k) {
                const double dx = x(i, k) - x(j, k);
                r2 += dx * dx;
            }
            acc += g_.value_r2(r2);
        }
        phi[i] = acc;
    }
}

void direct_plan::gradients(points_view x, std::span<double> grad) {
    const std::size_t n = x.n;
    const int d = x.d;
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) {
        double acc[3] = {0.0, 0.0, 0.0};
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i) continue;
            double dx[3], r2 = 0.0;
            for (int k = 0; k < d; ++k) {
                dx[k] = x(i, k) - x(j, k);
                r2 += dx[k] * dx[k];
            }
            const double w = g_.repulsion_r2(r2);
            for (int k = 0; k < d; ++k) acc[k] -= dx[k] * w;
        }
        for (int k = 0; k < d; ++k) grad[k * n + i] = acc[k];
    }
}

double direct_plan::pair_energy(points_view x) {
    std::vector<double> phi(x.n);
    potentials(x, phi);
    long double acc = 0.0L;
    for (double p : phi) acc += p;
    return static_cast<double>(acc);
}

double direct_plan::promised_accuracy() const { return 1e-13; }

}  // namespace mfv::interaction
