// The in-place real FFT of the PME mesh (pme_parts.hpp), FFTW 3, OpenMP, deterministic.
//
// A d-dimensional transform is done as independent pieces, each always by the same FFTW plan
// on data of the same alignment, so that every number is computed the same way whichever
// thread takes the piece:
//   d = 1: one r2c of length K;
//   d = 2: an r2c of each row, then c2c transforms along the first axis;
//   d = 3: a 2D r2c of each plane, then c2c transforms along the first axis.
// Along the first axis the columns are strided by a whole row or plane; eight adjacent columns
// are copied to a small contiguous buffer, transformed there (eight interleaved transforms)
// and copied back, which keeps the memory access local (a strided FFTW call on a 256^3 mesh
// was ten times slower on the 2-core machine).
#include "pme_parts.hpp"

#include <fftw3.h>

#include <algorithm>
#include <cstring>
#include <mfv/core/fftw_planner_lock.hpp>

#include <mutex>
#include <stdexcept>
#include <string>

namespace mfv::interaction::pme_detail {

namespace {

// FFTW's planner is not thread-safe: plans are made under the library's one planner lock
// (core/fftw_planner_lock.hpp), which the spectral torus solver takes too.
std::mutex& planner_mutex() { return mfv::fftw_planner_lock(); }

constexpr int columns_per_task = 8;

}  // namespace

struct mesh_fft::plans {
    fftw_plan rows_forward = nullptr, rows_backward = nullptr;  // d = 1: whole; 2: a row; 3: a plane
    fftw_plan axis_forward = nullptr, axis_backward = nullptr;  // eight columns in a buffer
};

mesh_fft::mesh_fft(int d, int k) : d_(d), k_(k), plans_(std::make_unique<plans>()) {
    if (k < 2 || k % 2 != 0) throw std::invalid_argument("mesh_fft: K = " + std::to_string(k) + " must be even");
    l_ = (k / 2 + 1 + 7) / 8 * 8;
    rows_ = 1;
    for (int a = 1; a < d; ++a) rows_ *= static_cast<std::size_t>(k);
    // Small meshes are transformed by one thread (a parallel region would cost more).
    parallel_ = rows_ * static_cast<std::size_t>(k) > (1u << 18);
    const std::size_t doubles = rows_ * 2 * static_cast<std::size_t>(l_);
    data_ = fftw_alloc_real(doubles);
    if (!data_) throw std::bad_alloc();
    std::fill(data_, data_ + doubles, 0.0);

    auto* c = reinterpret_cast<fftw_complex*>(data_);
    const unsigned flags = FFTW_ESTIMATE;
    fftw_complex* buffer = fftw_alloc_complex(static_cast<std::size_t>(k) * columns_per_task);
    std::lock_guard<std::mutex> lock(planner_mutex());
    if (d == 1) {
        plans_->rows_forward = fftw_plan_dft_r2c_1d(k, data_, c, flags);
        plans_->rows_backward = fftw_plan_dft_c2r_1d(k, c, data_, flags);
    } else if (d == 2) {
        plans_->rows_forward = fftw_plan_dft_r2c_1d(k, data_, c, flags);
        plans_->rows_backward = fftw_plan_dft_c2r_1d(k, c, data_, flags);
    } else {
        const int n[2] = {k, k}, real_embed[2] = {k, 2 * l_}, complex_embed[2] = {k, l_};
        plans_->rows_forward =
            fftw_plan_many_dft_r2c(2, n, 1, data_, real_embed, 1, 0, c, complex_embed, 1, 0, flags);
        plans_->rows_backward =
            fftw_plan_many_dft_c2r(2, n, 1, c, complex_embed, 1, 0, data_, real_embed, 1, 0, flags);
    }
    if (d > 1) {
        const int n[1] = {k};
        plans_->axis_forward = fftw_plan_many_dft(1, n, columns_per_task, buffer, n, columns_per_task, 1, buffer,
                                                  n, columns_per_task, 1, FFTW_FORWARD, flags);
        plans_->axis_backward = fftw_plan_many_dft(1, n, columns_per_task, buffer, n, columns_per_task, 1, buffer,
                                                   n, columns_per_task, 1, FFTW_BACKWARD, flags);
    }
    fftw_free(buffer);
    if (!plans_->rows_forward || !plans_->rows_backward || (d > 1 && (!plans_->axis_forward || !plans_->axis_backward)))
        throw std::runtime_error("mesh_fft: FFTW could not plan a transform of size " + std::to_string(k));
}

mesh_fft::~mesh_fft() {
    {
        std::lock_guard<std::mutex> lock(planner_mutex());
        for (fftw_plan p : {plans_->rows_forward, plans_->rows_backward, plans_->axis_forward, plans_->axis_backward})
            if (p) fftw_destroy_plan(p);
    }
    fftw_free(data_);
}

// c2c transforms of length K along the first axis: the spectrum is K rows of R complex
// values (R = L for d = 2, K L for d = 3), column c at stride R.
void mesh_fft::along_first_axis(int sign) {
    const fftw_plan plan = sign < 0 ? plans_->axis_forward : plans_->axis_backward;
    const std::size_t r = rows_ / static_cast<std::size_t>(k_) * static_cast<std::size_t>(l_);
    const auto tasks = static_cast<std::ptrdiff_t>(r / columns_per_task);
    const std::size_t k = static_cast<std::size_t>(k_);
    const std::size_t block_bytes = columns_per_task * sizeof(fftw_complex);
    auto* c = reinterpret_cast<fftw_complex*>(data_);
#pragma omp parallel if (parallel_)
    {
        fftw_complex* buffer = fftw_alloc_complex(k * columns_per_task);
#pragma omp for schedule(static)
        for (std::ptrdiff_t t = 0; t < tasks; ++t) {
            fftw_complex* first = c + static_cast<std::size_t>(t) * columns_per_task;
            for (std::size_t i = 0; i < k; ++i) std::memcpy(buffer + i * columns_per_task, first + i * r, block_bytes);
            fftw_execute_dft(plan, buffer, buffer);
            for (std::size_t i = 0; i < k; ++i) std::memcpy(first + i * r, buffer + i * columns_per_task, block_bytes);
        }
        fftw_free(buffer);
    }
}

void mesh_fft::forward() {
    auto* c = reinterpret_cast<fftw_complex*>(data_);
    if (d_ == 1) {
        fftw_execute_dft_r2c(plans_->rows_forward, data_, c);
        return;
    }
    // d = 2: a piece is a row (2 L doubles); d = 3: a plane (K rows).
    const std::size_t piece = (d_ == 2 ? 1 : static_cast<std::size_t>(k_)) * 2 * static_cast<std::size_t>(l_);
    const auto pieces = static_cast<std::ptrdiff_t>(d_ == 2 ? rows_ : static_cast<std::size_t>(k_));
#pragma omp parallel for schedule(static) if (parallel_)
    for (std::ptrdiff_t i = 0; i < pieces; ++i) {
        double* p = data_ + static_cast<std::size_t>(i) * piece;
        fftw_execute_dft_r2c(plans_->rows_forward, p, reinterpret_cast<fftw_complex*>(p));
    }
    along_first_axis(-1);
}

void mesh_fft::backward() {
    auto* c = reinterpret_cast<fftw_complex*>(data_);
    if (d_ == 1) {
        fftw_execute_dft_c2r(plans_->rows_backward, c, data_);
        return;
    }
    along_first_axis(+1);
    const std::size_t piece = (d_ == 2 ? 1 : static_cast<std::size_t>(k_)) * 2 * static_cast<std::size_t>(l_);
    const auto pieces = static_cast<std::ptrdiff_t>(d_ == 2 ? rows_ : static_cast<std::size_t>(k_));
#pragma omp parallel for schedule(static) if (parallel_)
    for (std::ptrdiff_t i = 0; i < pieces; ++i) {
        double* p = data_ + static_cast<std::size_t>(i) * piece;
        fftw_execute_dft_c2r(plans_->rows_backward, reinterpret_cast<fftw_complex*>(p), p);
    }
}

}  // namespace mfv::interaction::pme_detail
