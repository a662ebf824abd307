// FFTW memory and plans for the torus references (spectral_torus, torus_series).
//
// Arrays come from fftw_malloc, so that every array has the alignment FFTW assumed when it
// made a plan and one plan can be executed on other arrays (fftw_execute_dft_r2c / _c2r,
// which are thread-safe). The planner itself is not thread-safe: every plan of this module
// is made and destroyed under one lock. std::complex<double> and fftw_complex have the same
// layout (FFTW manual, section 4.1.1).
#pragma once
#include <fftw3.h>

#include <algorithm>
#include <complex>
#include <cstddef>
#include <memory>
#include <mfv/core/fftw_planner_lock.hpp>

#include <mutex>
#include <new>
#include <utility>

namespace mfv::meanfield::detail {

// The library's one FFTW planner lock (core/fftw_planner_lock.hpp), shared with the PME
// evaluator.
using mfv::fftw_planner_lock;

struct fftw_deleter {
    void operator()(void* p) const { fftw_free(p); }
};

template <class T>
using fftw_array = std::unique_ptr<T[], fftw_deleter>;

// n zero-initialised elements, FFTW-aligned.
template <class T>
fftw_array<T> fftw_zeros(std::size_t n) {
    T* p = static_cast<T*>(fftw_malloc(sizeof(T) * std::max<std::size_t>(n, 1)));
    if (p == nullptr) throw std::bad_alloc();
    std::fill(p, p + n, T{});
    return fftw_array<T>(p);
}

inline fftw_complex* as_fftw(std::complex<double>* p) { return reinterpret_cast<fftw_complex*>(p); }

// A plan, destroyed under the planner lock.
class fftw_plan_handle {
public:
    fftw_plan_handle() = default;
    explicit fftw_plan_handle(fftw_plan p) : p_(p) {
        if (p_ == nullptr) throw std::bad_alloc();
    }
    fftw_plan_handle(const fftw_plan_handle&) = delete;
    fftw_plan_handle& operator=(const fftw_plan_handle&) = delete;
    fftw_plan_handle(fftw_plan_handle&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    fftw_plan_handle& operator=(fftw_plan_handle&& o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    ~fftw_plan_handle() {
        if (p_ != nullptr) {
            std::lock_guard<std::mutex> lock(fftw_planner_lock());
            fftw_destroy_plan(p_);
        }
    }
    fftw_plan get() const { return p_; }

private:
    fftw_plan p_ = nullptr;
};

// Real-to-complex and complex-to-real plans of a d-dimensional n^d grid (row-major, the
// last index fastest; the complex side has n^(d-1) (n/2 + 1) entries), FFTW_ESTIMATE: the
// plan is deterministic (MEASURE may pick a different algorithm from run to run, and the
// results would differ in the last bits) and costs nothing to make.
inline fftw_plan_handle plan_r2c(int d, int n, double* in, std::complex<double>* out) {
    const int dims[3] = {n, n, n};
    std::lock_guard<std::mutex> lock(fftw_planner_lock());
    return fftw_plan_handle(fftw_plan_dft_r2c(d, dims, in, as_fftw(out), FFTW_ESTIMATE));
}

inline fftw_plan_handle plan_c2r(int d, int n, std::complex<double>* in, double* out) {
    const int dims[3] = {n, n, n};
    std::lock_guard<std::mutex> lock(fftw_planner_lock());
    return fftw_plan_handle(fftw_plan_dft_c2r(d, dims, as_fftw(in), out, FFTW_ESTIMATE));
}

// The wave vector k of entry e on the complex side of those plans: e <-> (i_0, ..., i_{d-1}),
// the last index fastest and in [0, n/2], k_a = i_a (i_a <= n/2) or i_a - n.
inline void r2c_wave_vector(int d, int n, std::size_t e, int* k) {
    const std::size_t half = static_cast<std::size_t>(n / 2 + 1);
    k[d - 1] = static_cast<int>(e % half);
    e /= half;
    for (int a = d - 2; a >= 0; --a) {
        const int i = static_cast<int>(e % static_cast<std::size_t>(n));
        e /= static_cast<std::size_t>(n);
        k[a] = i <= n / 2 ? i : i - n;
    }
}

}  // namespace mfv::meanfield::detail
