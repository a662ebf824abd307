#include <mfv/domain/knn_distance.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mfv::domain {

namespace {

using coords = std::array<double, 3>;

// The k smallest squared distances seen so far, ascending, in a buffer that lives on the
// stack for k <= 32 (the usual k: no allocation per query).
class k_best {
public:
    explicit k_best(int k) : k_(static_cast<std::size_t>(k)) {
        if (k_ > small_.size()) large_.resize(k_);
        d2_ = k_ > small_.size() ? large_.data() : small_.data();
    }
    void offer(double d2) {
        if (size_ == k_) {
            if (!(d2 < d2_[k_ - 1])) return;
            --size_;
        }
        std::size_t j = size_++;
        for (; j > 0 && d2_[j - 1] > d2; --j) d2_[j] = d2_[j - 1];
        d2_[j] = d2;
    }
    bool full() const { return size_ == k_; }
    // The current k-th squared distance, infinite until k are held.
    double worst() const { return full() ? d2_[k_ - 1] : std::numeric_limits<double>::infinity(); }

private:
    std::size_t k_, size_ = 0;
    std::array<double, 32> small_{};
    std::vector<double> large_;
    double* d2_;
};

// ---- torus: uniform cell grid ----------------------------------------------------------

class torus_grid {
public:
    torus_grid(points_view x, int k) : d_(x.d), n_(x.n) {
        const double per_axis = std::pow(double(n_) / k, 1.0 / d_);
        m_ = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(per_axis)));
        h_ = 1.0 / double(m_);
        cells_ = 1;
        for (int a = 0; a < d_; ++a) cells_ *= m_;
        std::vector<std::size_t> cell(n_);
        std::vector<std::size_t> count(cells_ + 1, 0);
        for (std::size_t i = 0; i < n_; ++i) {
            cell[i] = cell_of(position(x, i));
            ++count[cell[i] + 1];
        }
        for (std::size_t c = 0; c < cells_; ++c) count[c + 1] += count[c];
        start_ = count;
        slot_.resize(n_);
        id_.resize(n_);
        for (std::size_t i = 0; i < n_; ++i) {
            const std::size_t s = count[cell[i]]++;
            slot_[s] = position(x, i);
            id_[s] = i;
        }
    }

    std::size_t point_at(std::size_t slot) const { return id_[slot]; }

    double kth(points_view x, std::size_t i, int k) const {
        const coords p = position(x, i);
        const std::array<std::size_t, 3> c = cell_coords(p);
        k_best best(k);
        for (long r = 0;; ++r) {
            if (2 * static_cast<std::size_t>(r) + 1 > m_) {
                k_best all(k);
                for (std::size_t s = 0; s < n_; ++s)
                    if (id_[s] != i) all.offer(distance2(p, slot_[s]));
                return std::sqrt(all.worst());
            }
            visit_ring(p, c, r, i, best);
            if (best.full() && best.worst() <= (r * h_) * (r * h_)) return std::sqrt(best.worst());
        }
    }

private:
    // Wrapped coordinates of point i (unused axes 0).
    static coords position(points_view x, std::size_t i) {
        coords p{};
        for (int a = 0; a < x.d; ++a) p[a] = domain::wrap(x(i, a));
        return p;
    }
    std::array<std::size_t, 3> cell_coords(const coords& p) const {
        std::array<std::size_t, 3> c{};
        for (int a = 0; a < d_; ++a) c[a] = std::min(m_ - 1, static_cast<std::size_t>(p[a] * double(m_)));
        return c;
    }
    std::size_t cell_of(const coords& p) const {
        const auto c = cell_coords(p);
        std::size_t idx = 0;
        for (int a = 0; a < d_; ++a) idx = idx * m_ + c[a];
        return idx;
    }
    double distance2(const coords& p, const coords& q) const {
        double s = 0.0;
        for (int a = 0; a < d_; ++a) {
            const double t = domain::minimum_image(p[a] - q[a]);
            s += t * t;
        }
        return s;
    }
    // The cells at Chebyshev offset exactly r from c (2r + 1 <= m: no cell twice).
    void visit_ring(const coords& p, const std::array<std::size_t, 3>& c, long r, std::size_t self,
                    k_best& best) const {
        const long r1 = d_ > 1 ? r : 0, r2 = d_ > 2 ? r : 0;
        const long m = static_cast<long>(m_);
        for (long o0 = -r; o0 <= r; ++o0)
            for (long o1 = -r1; o1 <= r1; ++o1)
                for (long o2 = -r2; o2 <= r2; ++o2) {
                    if (std::max({std::abs(o0), std::abs(o1), std::abs(o2)}) != r) continue;
                    const long o[3] = {o0, o1, o2};
                    // The cell's distance from p (its box, unwrapped next to p's cell): a cell
                    // no closer than the current k-th distance cannot improve it.
                    double gap2 = 0.0;
                    for (int a = 0; a < d_; ++a) {
                        const double g = o[a] > 0 ? double(long(c[a]) + o[a]) * h_ - p[a]
                                       : o[a] < 0 ? p[a] - double(long(c[a]) + o[a] + 1) * h_ : 0.0;
                        gap2 += g * g;
                    }
                    if (gap2 >= best.worst()) continue;
                    std::size_t idx = 0;
                    for (int a = 0; a < d_; ++a) idx = idx * m_ + static_cast<std::size_t>(((long(c[a]) + o[a]) % m + m) % m);
                    for (std::size_t s = start_[idx]; s < start_[idx + 1]; ++s)
                        if (id_[s] != self) best.offer(distance2(p, slot_[s]));
                }
    }

    int d_;
    std::size_t n_, m_ = 1, cells_ = 1;
    double h_ = 1.0;
    std::vector<std::size_t> start_, id_;
    std::vector<coords> slot_;
};

// ---- whole space: k-d tree -------------------------------------------------------------

class kd_tree {
public:
    kd_tree(points_view x) : d_(x.d) {
        perm_.resize(x.n);
        for (std::size_t i = 0; i < x.n; ++i) perm_[i] = i;
        pts_.resize(x.n);
        for (std::size_t i = 0; i < x.n; ++i)
            for (int a = 0; a < d_; ++a) pts_[i][a] = x(i, a);
        build(0, x.n);
        std::vector<coords> sorted(x.n);
        for (std::size_t s = 0; s < x.n; ++s) sorted[s] = pts_[perm_[s]];
        pts_ = std::move(sorted);
    }

    std::size_t point_at(std::size_t slot) const { return perm_[slot]; }

    double kth(points_view x, std::size_t i, int k) const {
        coords p{};
        for (int a = 0; a < d_; ++a) p[a] = x(i, a);
        k_best best(k);
        search(0, p, i, best);
        return std::sqrt(best.worst());
    }

private:
    static constexpr std::size_t leaf_size = 8;
    struct node {
        std::size_t begin, end;
        int axis = -1;  // -1: a leaf
        double split = 0.0;
        std::size_t left = 0, right = 0;
    };

    // Builds the node of perm_[begin, end) and returns its index (pts_ still in input order).
    std::size_t build(std::size_t begin, std::size_t end) {
        const std::size_t id = nodes_.size();
        nodes_.push_back({begin, end});
        if (end - begin <= leaf_size) return id;
        int axis = 0;
        double widest = -1.0;
        for (int a = 0; a < d_; ++a) {
            double lo = std::numeric_limits<double>::infinity(), hi = -lo;
            for (std::size_t s = begin; s < end; ++s) {
                lo = std::min(lo, pts_[perm_[s]][a]);
                hi = std::max(hi, pts_[perm_[s]][a]);
            }
            if (hi - lo > widest) {
                widest = hi - lo;
                axis = a;
            }
        }
        const std::size_t mid = begin + (end - begin) / 2;
        std::nth_element(perm_.begin() + begin, perm_.begin() + mid, perm_.begin() + end,
                         [&](std::size_t a, std::size_t b) { return pts_[a][axis] < pts_[b][axis]; });
        const double split = pts_[perm_[mid]][axis];
        const std::size_t left = build(begin, mid);
        const std::size_t right = build(mid, end);
        nodes_[id].axis = axis;
        nodes_[id].split = split;
        nodes_[id].left = left;
        nodes_[id].right = right;
        return id;
    }

    // Left holds coordinates <= split and right >= split, so the other side of the plane is
    // at least |p_axis - split| away.
    void search(std::size_t id, const coords& p, std::size_t self, k_best& best) const {
        const node& nd = nodes_[id];
        if (nd.axis < 0) {
            for (std::size_t s = nd.begin; s < nd.end; ++s) {
                if (perm_[s] == self) continue;
                double d2 = 0.0;
                for (int a = 0; a < d_; ++a) d2 += (p[a] - pts_[s][a]) * (p[a] - pts_[s][a]);
                best.offer(d2);
            }
            return;
        }
        const double diff = p[nd.axis] - nd.split;
        search(diff < 0.0 ? nd.left : nd.right, p, self, best);
        if (diff * diff < best.worst()) search(diff < 0.0 ? nd.right : nd.left, p, self, best);
    }

    int d_;
    std::vector<std::size_t> perm_;
    std::vector<coords> pts_;
    std::vector<node> nodes_;
};

// Queries run in the index's storage order (grid cells, tree leaves), so that consecutive
// queries touch the same cells or leaves: for n = 1e6 this is several times faster than the
// input order, whose neighbours are scattered in memory.
template <class Index>
std::vector<double> all_kth(const Index& index, points_view x, int k) {
    std::vector<double> eps(x.n);
#pragma omp parallel for schedule(dynamic, 1024)
    for (std::size_t s = 0; s < x.n; ++s) {
        const std::size_t i = index.point_at(s);
        eps[i] = index.kth(x, i, k);
    }
    return eps;
}

}  // namespace

std::vector<double> kth_neighbour_distances(points_view x, domain::kind where, int k) {
    if (x.d < 1 || x.d > 3) throw std::invalid_argument("kth_neighbour_distances: d must be 1, 2 or 3");
    if (k < 1 || static_cast<std::size_t>(k) >= x.n) {
        throw std::invalid_argument("kth_neighbour_distances: need 1 <= k < n, but k = " + std::to_string(k) +
                                    " and n = " + std::to_string(x.n));
    }
    if (where == domain::kind::torus) return all_kth(torus_grid(x, k), x, k);
    return all_kth(kd_tree(x), x, k);
}

}  // namespace mfv::domain
