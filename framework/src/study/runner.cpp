#include <mfv/study/runner.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/flow/conservative_flow.hpp>
#include <mfv/flow/gradient_flow.hpp>
#include <mfv/flow/newton_flow.hpp>
#include <mfv/flow/self_similar_flow.hpp>
#include <mfv/flow/stiffness.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/energy/relative_entropy.hpp>
#include <mfv/meanfield/exact.hpp>
#include <mfv/meanfield/self_similar_view.hpp>
#include <mfv/meanfield/torus_reference.hpp>
#include <mfv/observables/observable.hpp>
#include <mfv/sampling/initial_velocity.hpp>
#include <mfv/sampling/make_law.hpp>
#include <mfv/sampling/sample_initial.hpp>
#include <mfv/sampling/sample_torus.hpp>
#include <mfv/study/interrupt.hpp>
#include <mfv/study/progress.hpp>
#include <mfv/study/scheduler.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

namespace mfv::study {

const std::vector<double>* member_record::column(const std::string& name) const {
    for (const auto& [n, v] : series) {
        if (n == name) return &v;
    }
    return nullptr;
}

std::shared_ptr<const meanfield::reference> make_reference(const study& st, std::vector<double> times) {
    if (times.empty()) times = st.output_times();
    const kernel::riesz_kernel g(st.d, st.s);
    if (!st.torus()) {
        // The radial solver (meanfield/radial_coulomb.hpp) solves in the study's own frame, at
        // its output times; a closed form is seen in self-similar variables through the view.
        meanfield::radial_settings radial;
        radial.grid = st.reference_grid;
        if (st.reference_dt > 0.0) radial.dt = st.reference_dt;
        radial.self_similar = st.self_similar();
        std::shared_ptr<const meanfield::reference> mu =
            meanfield::make_whole_space_reference(g, st.flow, st.theta, st.law, st.reference_type, times, radial);
        if (st.self_similar() && st.reference_type == "exact") return std::make_shared<meanfield::self_similar_view>(std::move(mu));
        return mu;
    }
    law_spec law = st.law;
    std::string type = st.reference_type;
    if (st.correlation != "none" || type == "equilibrium") {
        type = "exact";
        // The one-particle marginal of a common shift, or of an even mixture of mu_+ and
        // mu_-, is the uniform law (sampling/sample_torus.hpp), and "equilibrium" asks for
        // the uniform law whatever the start: it is stationary for every flow and theta.
        law.type = "uniform";
        law.modes.clear();
    }
    meanfield::spectral_settings settings;
    settings.grid = st.reference_grid;
    if (st.reference_dt > 0.0) settings.dt = st.reference_dt;
    return meanfield::make_torus_reference(g, st.flow, st.theta, law, type, times, settings);
}

bool is_ensemble_observable(const std::string& name) { return name == "relative_entropy"; }

points initial_configuration(const study& st, std::size_t n, std::size_t member) {
    if (st.sampling == "points") return *st.user_points;
    const random_stream rs(st.seed, n, member, stream_purpose::initial_positions);
    if (st.torus()) return sampling::sample_torus(sampling::make_torus_law(st.law, st.d), st.sampling, st.correlation, n, rs);
    const auto law = sampling::make_law(st.law, kernel::riesz_kernel(st.d, st.s));
    return sampling::sample_initial(*law, st.sampling, n, rs);
}

namespace {

bool wants_snapshots(const study& st) {
    return std::any_of(st.observables.begin(), st.observables.end(), is_ensemble_observable);
}

flow::system_fn make_system(const study& st, interaction::plan& plan) {
    if (st.flow == "conservative") return flow::conservative_flow(plan);
    if (st.self_similar()) return flow::self_similar_flow(plan);
    return flow::gradient_flow(plan);
}

// Evaluate the study's observables at one output time into the member's columns.
void observe_all(const study& st, const observables::context& c, member_record& rec) {
    std::size_t col = 0;
    for (const auto& name : st.observables) {
        if (is_ensemble_observable(name)) continue;
        const auto& o = observables::find(name);
        const std::vector<double> values = o.evaluate(c);
        for (std::size_t q = 0; q < values.size(); ++q, ++col) {
            if (!std::isfinite(values[q])) {
                std::ostringstream m;
                m << "t = " << c.t << ": observable " << o.columns[q] << " is not finite (" << values[q] << ")";
                throw run_error(m.str());
            }
            rec.series[col].second.push_back(values[q]);
        }
    }
}

// An explicit fixed step must resolve the stiffest collective mode of the particle system
// (flow/stiffness.hpp). On the torus it is measured on a cubic lattice (m = ceil(N^(1/d))
// points a side, the first N of them): the shortest-wavelength phonon at a density of about
// 1 (at most (1 + 1/m)^d above it), scaled to the largest density of the initial law by
// rho^((s+2)/d) (the Hessian of (1/N) H_N at spacing rho^(-1/d)). A random start's close
// pairs are stiffer still, but each separates in a step or two (a kick, not an
// instability); the lattice mode, once unstable, grows without bound, so it is the one an
// explicit step must resolve. Whole-space studies are not checked (their densities vary).
// Close pairs met later (noise brings particles together) are not checked: a noisy
// super-Coulombic study (s > d - 2) needs a step that resolves them, see studies/README.md.
void check_step_stability(const study& st, const flow::system_fn& system, const flow::state& x0, std::size_t n) {
    const double limit = flow::stability_interval(st.integrator.method);
    if (!std::isfinite(limit) || st.flow != "gradient" || st.T <= 0.0 || !st.torus()) return;
    const auto cube = [&](std::size_t side) {
        std::size_t c = 1;
        for (int k = 0; k < st.d; ++k) c *= side;
        return c;
    };
    std::size_t side = std::max<std::size_t>(2, static_cast<std::size_t>(std::floor(std::pow(double(n), 1.0 / st.d))));
    while (cube(side) < n) ++side;
    const auto times = st.output_times();
    double h = 0.0;
    for (std::size_t k = 1; k < times.size(); ++k) {
        const double interval = times[k] - times[k - 1];
        const double steps = std::max(1.0, std::ceil(interval / st.integrator.dt - 1e-9)) * st.integrator.refinement;
        h = std::max(h, interval / steps);
    }
    // The first n points of the lattice, through the study's own drift (its plan is for n).
    flow::state lattice(static_cast<std::size_t>(st.d) * n);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t r = i;
        for (int k = 0; k < st.d; ++k) {
            lattice[static_cast<std::size_t>(k) * n + i] = (static_cast<double>(r % side) + 0.5) / static_cast<double>(side);
            r /= side;
        }
    }
    double rho = 1.0;
    for (const auto& mode : st.law.modes) rho += std::abs(mode.amplitude);
    const double lambda = flow::stiffest_rate(system, lattice, 12) * std::pow(rho, (st.s + 2.0) / st.d);
    if (lambda * h > limit) {
        std::ostringstream msg;
        msg.precision(3);
        msg << "t = 0: the step " << h << " of " << st.integrator.method << " is unstable: the stiffest collective mode "
            << "of " << n << " particles decays at rate " << lambda << " (power iteration on the drift's Jacobian at a "
            << "lattice of that density), and h * rate = " << lambda * h << " exceeds " << limit
            << "; use integrator.dt <= " << limit / lambda << " or the adaptive dopri5 (without noise)";
        throw run_error(msg.str());
    }
    // The first step itself: a drift that moves a particle farther than the mean spacing
    // N^(-1/d) in one step (a close pair of the start) jumps it past its neighbours, which
    // no later step repairs. Checked without noise, and with noise when s > d - 2 (the
    // close-pair drift r^(-s-1) / N then outgrows the Coulomb one). With noise and
    // s <= d - 2 the noise itself brings pairs that close during the run, so a check at
    // t = 0 alone would be arbitrary: those kicks are part of the scheme's error, which the
    // rate harness's error budget (the same Brownian path at half the step) measures.
    const bool check_kick = st.theta == 0.0 || st.s > st.d - 2.0;
    flow::state b;
    system(x0, b, 0.0);
    double kick = 0.0;
    std::size_t who = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double v2 = 0.0;
        for (int k = 0; k < st.d; ++k) v2 += b[static_cast<std::size_t>(k) * n + i] * b[static_cast<std::size_t>(k) * n + i];
        if (h * std::sqrt(v2) > kick) kick = h * std::sqrt(v2), who = i;
    }
    const double spacing = std::pow(double(n), -1.0 / st.d);
    if (check_kick && kick > spacing) {
        std::ostringstream msg;
        msg.precision(3);
        msg << "t = 0: the first step " << h << " of " << st.integrator.method << " moves particle " << who << " by "
            << kick << ", more than the mean spacing " << spacing << " (a close pair of the start): use a smaller "
            << "integrator.dt, or the adaptive dopri5 (without noise)";
        throw run_error(msg.str());
    }
}

member_record empty_record(const study& st, std::size_t member) {
    member_record rec;
    rec.member = member;
    for (const auto& name : st.observables) {
        if (is_ensemble_observable(name)) continue;
        for (const auto& c : observables::find(name).columns) rec.series.push_back({c, {}});
    }
    return rec;
}

// A first-order flow (gradient or conservative, with optional noise) of one unit, with the
// explicit step's stability checked first.
void integrate_first_order(const study& st, interaction::plan& plan, flow::state& x, std::size_t n, std::size_t member,
                           const flow::integrator_settings& settings, const flow::observer_fn& observer,
                           member_record& rec) {
    std::unique_ptr<flow::additive_noise> noise;
    if (st.theta > 0.0) {
        noise = std::make_unique<flow::additive_noise>(random_stream(st.seed, n, member, stream_purpose::noise),
                                                       st.theta, st.integrator.refinement);
    }
    // The drift checks for a stop request (SIGINT / SIGTERM) at every evaluation, so a
    // long unit is dropped within one evaluation of the signal.
    const flow::system_fn drift = make_system(st, plan);
    const flow::system_fn system = [&drift](const flow::state& y, flow::state& dy, double t) {
        throw_if_stop_requested();
        drift(y, dy, t);
    };
    check_step_stability(st, system, x, n);
    const auto report = flow::integrate_outputs(system, st.d, x, st.output_times(), settings, noise.get(), observer);
    rec.steps = report.steps;
}

member_record run_member_impl(const study& st, std::size_t n, std::size_t member, const meanfield::reference* shared,
                              progress* prog) {
    throw_if_stop_requested();
    const auto start = std::chrono::steady_clock::now();
    member_record rec = empty_record(st, member);
    try {
        const kernel::riesz_kernel g(st.d, st.s);
        std::shared_ptr<const meanfield::reference> own;
        if (shared == nullptr) own = make_reference(st);
        const meanfield::reference& reference = shared != nullptr ? *shared : *own;
        auto plan = interaction::make_plan(g, n, st.interaction_accuracy, st.interaction_method, st.space);
        rec.interaction_parameters = plan->describe();
        flow::integrator_settings settings = st.integrator;
        settings.space = st.space;
        const bool snapshots = wants_snapshots(st);
        points x0 = initial_configuration(st, n, member);
        flow::state x = std::move(x0.data());
        // Positions y (and velocities w, Newton flow) at output time t.
        const auto observe = [&](const flow::state& y, points_view w, double t) {
            observables::context c{view_of(y, st.d), t, *plan, reference, st.space, &st.law, w, st.self_similar()};
            observe_all(st, c, rec);
            if (snapshots) {
                rec.snapshots.push_back(y);
                if (st.torus())
                    for (double& v : rec.snapshots.back()) v = domain::wrap(v);
            }
            rec.t.push_back(t);
            if (prog != nullptr) prog->update(n, member, st.members, t);
        };
        if (st.flow == "newton") {
            // dx = v dt, dv = -(1/N) grad H_N dt by velocity Verlet from v_i = u0(x_i).
            flow::state v = sampling::initial_velocity(st.law.velocity, view_of(x, st.d));
            const auto report = flow::integrate_newton(
                *plan, st.d, x, v, st.output_times(), settings,
                [&](const flow::state& y, const flow::state& w, double t, std::size_t) { observe(y, view_of(w, st.d), t); },
                throw_if_stop_requested);
            rec.steps = report.steps;
            rec.energy_drift = report.energy_drift;
        } else {
            integrate_first_order(st, *plan, x, n, member, settings,
                                  [&](const flow::state& y, double t, std::size_t) { observe(y, points_view{}, t); }, rec);
        }
    } catch (const input_error&) {
        throw;
    } catch (const interrupted_error&) {
        throw;
    } catch (const std::exception& e) {
        // A run error (NaN, collision, step underflow) or any other failure inside the unit
        // (a special function out of range, ...) stops this member only.
        rec.status = "N = " + std::to_string(n) + ", member " + std::to_string(member) + ": " + e.what();
        // Keep the columns aligned with t: drop a partly written output time.
        for (auto& [name, v] : rec.series) v.resize(std::min(v.size(), rec.t.size()));
        rec.snapshots.clear();
    }
    rec.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return rec;
}

}  // namespace

member_record run_member(const study& st, std::size_t n, std::size_t member, const meanfield::reference* reference) {
    return run_member_impl(st, n, member, reference, nullptr);
}

namespace {

// The ensemble observables of one N at every output time, from the finished members'
// positions pooled (they are exchangeable, so the pool samples the one-particle marginal
// f_N^t): H(f | mu^t) by the Kozachenko-Leonenko estimator (energy/relative_entropy.hpp).
void pooled_observables(const study& st, const meanfield::reference& mu, ensemble_record& e) {
    std::vector<const member_record*> ok;
    for (const auto& m : e.members)
        if (m.ok() && !m.snapshots.empty()) ok.push_back(&m);
    if (ok.empty()) return;
    const std::size_t nt = ok.front()->snapshots.size();
    std::vector<double> h(nt), entropy(nt), cross(nt);
    for (std::size_t k = 0; k < nt; ++k) {
        const double t = ok.front()->t[k];
        // Pool in member order: coordinate-major (structure of arrays) over all members.
        const std::size_t total = e.N * ok.size();
        std::vector<double> pool(static_cast<std::size_t>(st.d) * total);
        for (std::size_t q = 0; q < ok.size(); ++q)
            for (int c = 0; c < st.d; ++c)
                std::copy_n(ok[q]->snapshots[k].begin() + static_cast<std::ptrdiff_t>(c * e.N), e.N,
                            pool.begin() + static_cast<std::ptrdiff_t>(c * total + q * e.N));
        const auto log_mu = [&](std::span<const double> x) { return std::log(mu.density(t, x.data())); };
        const auto r = energy::relative_entropy(view_of(pool, st.d), log_mu, st.space);
        h[k] = r.value;
        entropy[k] = r.entropy;
        cross[k] = r.mean_log_reference;
    }
    e.pooled_t = ok.front()->t;
    e.pooled = {{"relative_entropy", h}, {"entropy", entropy}, {"log_density_mean", cross}};
}

}  // namespace

member_record run_unit(const study& st, const work_unit& u, const meanfield::reference& mu, progress* prog) {
    if (!u.tightened) return run_member_impl(st, u.N, u.member, &mu, prog);
    // The reference does not depend on the tolerances that tightened() changes.
    return run_member_impl(tightened(st), u.N, u.member, &mu, prog);
}

std::vector<work_unit> ensemble_units(const study& st) {
    std::vector<work_unit> units;
    // Largest N first, so that the long units do not finish last on one thread or rank.
    for (std::size_t k = st.N.size(); k-- > 0;)
        for (std::size_t m = 0; m < st.members; ++m) units.push_back({st.N[k], m, false});
    return units;
}

std::vector<ensemble_record> assemble_ensembles(const study& st, std::map<work_unit, member_record>& finished,
                                                const meanfield::reference& mu) {
    std::vector<ensemble_record> out(st.N.size());
    for (std::size_t k = 0; k < st.N.size(); ++k) {
        auto& e = out[k];
        e.N = st.N[k];
        e.interaction = interaction::chosen_method(kernel::riesz_kernel(st.d, st.s), st.N[k], st.interaction_accuracy,
                                                   st.interaction_method, st.space);
        for (std::size_t m = 0; m < st.members; ++m) {
            const auto it = finished.find({st.N[k], m, false});
            if (it == finished.end())
                throw std::logic_error("assemble_ensembles: unit " + work_unit{st.N[k], m, false}.label() + " missing");
            e.members.push_back(std::move(it->second));
            finished.erase(it);
        }
        for (const auto& rec : e.members) {
            if (rec.interaction_parameters.empty()) continue;
            e.interaction_parameters = rec.interaction_parameters;
            break;
        }
    }
    if (wants_snapshots(st)) {
        for (auto& e : out) {
            try {
                pooled_observables(st, mu, e);
            } catch (const std::exception& err) {
                e.pooled.clear();
                e.pooled_status = std::string("relative_entropy not computed: ") + err.what();
            }
            for (auto& m : e.members) m.snapshots.clear();
        }
    }
    return out;
}

std::vector<ensemble_record> run_ensembles(const study& st, const run_options& opt, const meanfield::reference* shared) {
    std::shared_ptr<const meanfield::reference> own;
    if (shared == nullptr) {
        own = make_reference(st);
        shared = own.get();
    }
    const auto units = ensemble_units(st);
    progress prog(opt.progress, units.size(), st.T);
    std::map<work_unit, member_record> finished;
    make_local_scheduler(opt.threads)->run(st, *shared, units,
                                           [&](const work_unit& u, member_record&& rec) { finished.emplace(u, std::move(rec)); },
                                           &prog);
    prog.finish();
    return assemble_ensembles(st, finished, *shared);
}

study tightened(const study& st) {
    study t = st;
    t.integrator.rtol /= 100.0;
    t.integrator.atol /= 100.0;
    t.integrator.refinement *= 2;
    t.interaction_accuracy /= 100.0;
    return t;
}

}  // namespace mfv::study
