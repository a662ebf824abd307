#include <mfv/sampling/box_partition.hpp>

#include <stdexcept>

namespace mfv::sampling {

namespace {

// The axis to cut: the longest side. Sides equal up to rounding count as equal and the
// lowest axis wins, so the partition does not hang on the last bit of a subtraction.
int longest_axis(int d, const box& b) {
    double longest = 0.0;
    for (int k = 0; k < d; ++k) longest = std::max(longest, b.hi[k] - b.lo[k]);
    for (int k = 0; k < d; ++k)
        if (b.hi[k] - b.lo[k] >= longest * (1.0 - 1e-12)) return k;
    return 0;
}

void bisect(int d, const box& b, std::size_t m, std::vector<box>& out) {
    if (m == 1) {
        out.push_back(b);
        return;
    }
    const int k = longest_axis(d, b);
    const std::size_t m1 = m / 2;
    const double cut = b.lo[k] + (b.hi[k] - b.lo[k]) * (static_cast<double>(m1) / static_cast<double>(m));
    box first = b, second = b;
    first.hi[k] = cut;
    second.lo[k] = cut;
    bisect(d, first, m1, out);
    bisect(d, second, m - m1, out);
}

}  // namespace

std::vector<box> equal_volume_boxes(int d, std::size_t n) {
    if (d < 1 || d > 3) throw std::invalid_argument("equal_volume_boxes: d must be 1, 2 or 3");
    std::vector<box> out;
    if (n == 0) return out;
    out.reserve(n);
    box cube;
    for (int k = 0; k < d; ++k) {
        cube.lo[k] = -1.0;
        cube.hi[k] = 1.0;
    }
    bisect(d, cube, n, out);
    return out;
}

}  // namespace mfv::sampling
