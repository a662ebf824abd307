// A configuration X_N = (x_1, ..., x_N) of N points in R^d, structure of arrays.
//
// Coordinate k of particle i lives at data()[k * n + i], so each coordinate is one
// contiguous array: the interaction loops stream through x, y, z separately and the
// compiler vectorises them. The same flat vector is the Boost.Odeint state of a flow.
#pragma once
#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

namespace mfv {

// Read-only view of a configuration stored as d contiguous coordinate arrays of length n.
struct points_view {
    int d = 0;
    std::size_t n = 0;
    const double* x = nullptr;

    const double* coord(int k) const { return x + static_cast<std::size_t>(k) * n; }
    double operator()(std::size_t i, int k) const { return x[static_cast<std::size_t>(k) * n + i]; }
};

// Owning configuration.
class points {
public:
    points() = default;
    points(int d, std::size_t n) : d_(d), n_(n), x_(static_cast<std::size_t>(d) * n, 0.0) {
        if (d < 1) throw std::invalid_argument("points: dimension must be >= 1");
    }
    // Adopt a flat structure-of-arrays vector of length d * n.
    points(int d, std::vector<double> soa) : d_(d), n_(d > 0 ? soa.size() / d : 0), x_(std::move(soa)) {
        if (d < 1 || x_.size() % static_cast<std::size_t>(d) != 0)
            throw std::invalid_argument("points: flat data length is not a multiple of d");
    }

    int dim() const { return d_; }
    std::size_t size() const { return n_; }

    double* coord(int k) { return x_.data() + static_cast<std::size_t>(k) * n_; }
    const double* coord(int k) const { return x_.data() + static_cast<std::size_t>(k) * n_; }
    double& operator()(std::size_t i, int k) { return x_[static_cast<std::size_t>(k) * n_ + i]; }
    double operator()(std::size_t i, int k) const { return x_[static_cast<std::size_t>(k) * n_ + i]; }

    std::vector<double>& data() { return x_; }
    const std::vector<double>& data() const { return x_; }

    points_view view() const { return {d_, n_, x_.data()}; }
    operator points_view() const { return view(); }

private:
    int d_ = 0;
    std::size_t n_ = 0;
    std::vector<double> x_;
};

// View a flat structure-of-arrays state (an odeint state) as a configuration.
inline points_view view_of(const std::vector<double>& soa, int d) {
    return {d, soa.size() / static_cast<std::size_t>(d), soa.data()};
}

}  // namespace mfv
