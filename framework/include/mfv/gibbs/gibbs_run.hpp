// `mfv gibbs` for one N of a study (reference/gibbs.md): the modulated Gibbs measure
// Q_{N,theta}(mu) of the study's kernel, domain and initial law mu (the reference at t = 0),
// at theta = model.theta > 0. It runs one MALA chain at beta = 1/theta (E_Q[F_N], its
// acceptance rate, tau_int and effective sample size) and one a rung of the Gauss-Legendre
// ladder on [0, 1/theta] ((1/N) log K by thermodynamic integration), each from iid points of
// mu, each on its own random stream (seed, N, chain, stream_purpose::gibbs): the numbers do
// not depend on the number of threads. Where a closed form is known (torus, d = 1, log
// kernel, mu uniform: circular_ensemble.hpp) it is reported next to the estimate.
#pragma once
#include <mfv/gibbs/partition_function.hpp>
#include <mfv/study/study.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mfv::gibbs {

struct gibbs_result {
    std::size_t N = 0;
    double theta = 0.0;
    log_K_estimate log_K;
    // The chain at beta = 1/theta.
    rung at_theta;
    std::vector<rung> ladder;
    std::string interaction;
    double wall_seconds = 0.0;
    // Closed forms when known: (1/N) log K, E_Q[F_N], and the ladder rule applied to the
    // exact integrand minus the exact value (the quadrature error alone).
    std::optional<double> exact_log_K_over_N, exact_mean_F_N, quadrature_error;
};

// True for the case of circular_ensemble.hpp.
bool is_circular_ensemble(const study::study& st);

// Checks theta > 0, N >= 2 and the settings; throws mfv::input_error naming the field.
// samples = 0: the study's gibbs.samples.
gibbs_result run_gibbs(const study::study& st, std::size_t n, std::size_t samples = 0);

}  // namespace mfv::gibbs
