#include <mfv/study/fits.hpp>
#include <mfv/study/sharpness_probe.hpp>

#include <mfv/harness/decay_fit.hpp>
#include <mfv/harness/commutator_json.hpp>
#include <mfv/harness/decay_json.hpp>
#include <mfv/harness/gronwall_json.hpp>
#include <mfv/harness/numerical_budget.hpp>
#include <mfv/harness/rate_fit.hpp>
#include <mfv/harness/rate_json.hpp>
#include <mfv/harness/statistic.hpp>
#include <mfv/harness/uniform_in_time.hpp>
#include <mfv/harness/uniform_in_time_json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace mfv::study {

namespace {

std::vector<harness::members_at_n> harness_data(const std::vector<ensemble_record>& ensembles,
                                                const std::string& column, harness::statistic_kind stat) {
    std::vector<harness::members_at_n> data;
    for (const auto& e : ensembles) {
        harness::members_at_n at{e.N, {}, {}};
        for (const auto& m : e.members) {
            const auto* c = m.column(column);
            const bool ok = m.ok() && c != nullptr && !c->empty();
            at.values.push_back(ok ? harness::extract(stat, *c) : 0.0);
            at.ok.push_back(ok);
        }
        data.push_back(std::move(at));
    }
    return data;
}

// The first member that finished at the largest N that has one.
std::pair<const ensemble_record*, const member_record*> budget_member(const std::vector<ensemble_record>& ensembles) {
    for (auto e = ensembles.rbegin(); e != ensembles.rend(); ++e) {
        for (const auto& m : e->members) {
            if (m.ok()) return {&*e, &m};
        }
    }
    return {nullptr, nullptr};
}

void apply_budget(harness::rate_fit& fit, const study& st, const std::vector<ensemble_record>& ensembles,
                  std::map<work_unit, member_record>& reruns, const std::string& column,
                  harness::statistic_kind stat) {
    const auto [largest, m] = budget_member(ensembles);
    if (m == nullptr) {
        fit.outcome = harness::verdict::inconclusive;
        fit.reason += " (numerical error budget not computed: no member finished)";
        return;
    }
    const work_unit key{largest->N, m->member, true};
    if (!reruns.count(key)) reruns[key] = run_member(tightened(st), largest->N, m->member);
    const member_record& again = reruns[key];
    const auto* c = again.column(column);
    if (!again.ok() || c == nullptr || c->empty()) {
        fit.outcome = harness::verdict::inconclusive;
        fit.reason = "numerical error: the re-run with tightened tolerances failed (" + again.status + "); " + fit.reason;
        return;
    }
    harness::apply_numerical_budget(fit, largest->N, harness::extract(stat, *m->column(column)),
                                    harness::extract(stat, *c));
}

// The members' time series of one column at one N; a failed member is kept (ok = false)
// with zeros so that the member indices stay those of the study.
harness::member_series series_of(const ensemble_record& e, const std::string& column) {
    harness::member_series s;
    for (const auto& m : e.members) {
        if (m.ok() && m.column(column) != nullptr && !m.column(column)->empty()) {
            s.times = m.t;
            break;
        }
    }
    for (const auto& m : e.members) {
        const auto* c = m.column(column);
        const bool ok = m.ok() && c != nullptr && c->size() == s.times.size() && !s.times.empty();
        s.members.push_back(ok ? *c : std::vector<double>(s.times.size(), 0.0));
        s.ok.push_back(ok);
    }
    return s;
}

// Decay harness: A e^(-lambda t) + B fitted to the ensemble mean at every N, with a
// bootstrap interval over members; the verdict of the study is the one at the largest N
// (the mean-field rate is a statement about N -> infinity), and the fits at the other N
// show how it is approached. The plateau B_N is reported against N.
nlohmann::json run_decay(const study& st, const harness_spec& h, const std::vector<ensemble_record>& ensembles) {
    nlohmann::json per_n = nlohmann::json::array();
    harness::decay_fit last;
    bool any = false;
    for (const auto& e : ensembles) {
        harness::decay_options opt;
        opt.observable = h.observable;
        opt.t_begin = h.t_min;
        opt.t_end = h.t_max;
        opt.fit_offset = h.plateau_free;
        if (std::isfinite(h.predicted_rate)) opt.predicted_rate = h.predicted_rate;
        opt.bootstrap_replicates = static_cast<std::size_t>(h.bootstrap);
        opt.seed = st.seed;
        opt.N = e.N;
        opt.max_relative_width = h.max_interval_width;
        harness::decay_fit fit = harness::fit_decay(series_of(e, h.observable), opt);
        nlohmann::json j = harness::to_json(fit);
        j["N"] = e.N;
        per_n.push_back(j);
        last = fit;
        any = true;
    }
    nlohmann::json out = {{"harness", "decay"}, {"observable", h.observable}, {"per_N", per_n}};
    if (std::isfinite(h.predicted_rate)) {
        out["predicted_rate"] = h.predicted_rate;
        out["prediction"] = h.predicted_linear ? (h.observable == "modulated_energy" ? "2 lambda_k (MATH.md 6)" : "lambda_k (MATH.md 6)")
                                               : "given in the study";
    }
    if (std::isfinite(h.log_sobolev_rho)) {
        // A modulated log-Sobolev inequality with constant rho makes the modulated free
        // energy decay at least at theta rho (reference/log-sobolev-rate.md, section 3, derived
        // in mfv's conventions): a lower bound, read against the largest N's interval.
        const double bound = st.theta * h.log_sobolev_rho;
        nlohmann::json m = {{"rho", h.log_sobolev_rho}, {"rate_lower_bound", bound},
                            {"source", "reference/log-sobolev-rate.md (derived in mfv conventions; the paper's statement could not be read)"}};
        if (!any || !last.rate_ci) {
            m["verdict"] = "inconclusive";
            m["reason"] = "no interval for the fitted rate";
        } else if (last.rate_ci->lo >= bound) {
            m["verdict"] = "consistent";
            m["reason"] = "the fitted rate's interval lies above theta rho";
        } else if (last.rate_ci->hi < bound) {
            m["verdict"] = "violated";
            m["reason"] = "the fitted rate's interval lies below theta rho: slower decay than the inequality allows";
        } else {
            m["verdict"] = "inconclusive";
            m["reason"] = "the fitted rate's interval contains theta rho";
        }
        out["log_sobolev"] = m;
    }
    out["verdict"] = any ? std::string(harness::to_string(last.outcome)) : std::string("inconclusive");
    out["reason"] = any ? "at the largest N = " + std::to_string(ensembles.back().N) + ": " + last.reason
                        : std::string("no ensemble");
    return out;
}

nlohmann::json run_uniform(const study& st, const harness_spec& h, const std::vector<ensemble_record>& ensembles) {
    std::vector<harness::series_at_n> data;
    for (const auto& e : ensembles) data.push_back({e.N, series_of(e, h.observable)});
    harness::uniform_options opt;
    for (double f : h.horizons) opt.horizons.push_back(f * st.T);
    opt.rate.observable = h.observable;
    opt.rate.statistic = "sup_abs";
    opt.rate.theory_exponent = st.s / st.d - 1.0;
    opt.rate.log_case = st.s == 0.0;
    opt.rate.bootstrap_replicates = static_cast<std::size_t>(h.bootstrap);
    opt.rate.seed = st.seed;
    opt.rate.max_interval_width = h.max_interval_width;
    nlohmann::json j = harness::to_json(harness::check_uniform_in_time(std::move(data), opt));
    return j;
}

// A(t_k) = int_0^t_k ||Dv^r||_inf dr at the output times, by composite Simpson with 16
// panels per output interval (the Lipschitz constants of the references are smooth in t;
// the figure is a rate for a ratio, needed to a few digits), or by the trapezoid rule on the
// output times for a numerical reference stored there only; empty when infinite.
std::vector<double> apriori_integral(const meanfield::reference& mu, const std::vector<double>& t) {
    std::vector<double> a(t.size(), 0.0);
    if (!mu.defined_between_outputs()) {
        for (std::size_t k = 1; k < t.size(); ++k) {
            const double l0 = mu.lipschitz_velocity(t[k - 1]), l1 = mu.lipschitz_velocity(t[k]);
            if (!std::isfinite(l0) || !std::isfinite(l1)) return {};
            a[k] = a[k - 1] + 0.5 * (l0 + l1) * (t[k] - t[k - 1]);
        }
        return a;
    }
    constexpr int panels = 16;
    for (std::size_t k = 1; k < t.size(); ++k) {
        const double h = (t[k] - t[k - 1]) / panels;
        double sum = 0.0;
        for (int q = 0; q <= panels; ++q) {
            const double L = mu.lipschitz_velocity(t[k - 1] + q * h);
            if (!std::isfinite(L)) return {};
            sum += L * (q == 0 || q == panels ? 1.0 : (q % 2 == 1 ? 4.0 : 2.0));
        }
        a[k] = a[k - 1] + sum * h / 3.0;
    }
    return a;
}

// Gronwall harness: C1 from the study, or the prefactor of the rate fit of sup_abs of the
// same observable (the study's own rate harness gives the same fit: same data, seed and
// options), in the log case the prefactor of the (log N)/N fit.
nlohmann::json run_gronwall(const study& st, const harness_spec& h, const std::vector<ensemble_record>& ensembles,
                            const meanfield::reference& mu) {
    harness::gronwall_options opt;
    opt.theory_exponent = st.s / st.d - 1.0;
    opt.log_case = st.s == 0.0;
    opt.bootstrap_replicates = static_cast<std::size_t>(h.bootstrap);
    opt.seed = st.seed;
    if (std::isfinite(h.C1)) {
        opt.C1 = h.C1;
        opt.C1_source = "study";
    } else {
        harness::rate_options ro;
        ro.observable = h.observable;
        ro.statistic = "sup_abs";
        ro.theory_exponent = opt.theory_exponent;
        ro.log_case = opt.log_case;
        ro.bootstrap_replicates = opt.bootstrap_replicates;
        ro.seed = st.seed;
        ro.max_interval_width = h.max_interval_width;
        const auto rate = harness::fit_rate(harness_data(ensembles, h.observable, harness::statistic_kind::sup_abs), ro);
        const nlohmann::json rj = harness::to_json(rate);
        const char* key = opt.log_case ? "log_prefactor" : "prefactor";
        if (!rj.contains(key)) {
            return {{"harness", "gronwall"}, {"observable", h.observable}, {"verdict", "inconclusive"},
                    {"reason", "no C1: the rate fit of sup_abs " + h.observable + " has no prefactor (" +
                                   rj.value("reason", std::string("?")) + "); give C1 in the study"}};
        }
        opt.C1 = rj[key];
        opt.C1_source = std::string("the ") + key + " of the rate fit of sup_abs " + h.observable + " over N";
    }
    std::vector<harness::series_at_n> data;
    for (const auto& e : ensembles) data.push_back({e.N, series_of(e, h.observable)});
    if (!data.empty() && !data.front().series.times.empty())
        opt.apriori_integral = apriori_integral(mu, data.front().series.times);
    return harness::to_json(harness::fit_gronwall(data, h.observable, opt));
}

// Commutator harness: |K| / (L (F_N + C r(N))) from the commutator observable's columns.
nlohmann::json run_commutator(const study& st, const harness_spec& h, const std::vector<ensemble_record>& ensembles) {
    harness::commutator_options opt;
    opt.C_prime = h.C;
    opt.theory_exponent = st.s / st.d - 1.0;
    opt.log_case = st.s == 0.0;
    opt.bootstrap_replicates = static_cast<std::size_t>(h.bootstrap);
    opt.seed = st.seed;
    std::vector<harness::series_at_n> K, F, L;
    for (const auto& e : ensembles) {
        K.push_back({e.N, series_of(e, "commutator")});
        F.push_back({e.N, series_of(e, "modulated_energy")});
        L.push_back({e.N, series_of(e, "lipschitz_velocity_on_support")});
    }
    return harness::to_json(harness::fit_commutator(K, F, L, opt));
}

}  // namespace

std::vector<work_unit> budget_units(const study& st, const std::vector<ensemble_record>& ensembles) {
    const bool wanted = std::any_of(st.harnesses.begin(), st.harnesses.end(), [](const harness_spec& h) {
        return h.type == "rate" && h.error_budget;
    });
    const auto [largest, m] = budget_member(ensembles);
    if (!wanted || m == nullptr) return {};
    return {work_unit{largest->N, m->member, true}};
}

std::vector<work_unit> likely_budget_units(const study& st) {
    const bool wanted = std::any_of(st.harnesses.begin(), st.harnesses.end(),
                                    [](const harness_spec& h) { return h.type == "rate" && h.error_budget; });
    if (!wanted || st.N.empty()) return {};
    return {work_unit{st.N.back(), 0, true}};
}

std::vector<nlohmann::json> run_harnesses(const study& st, const std::vector<ensemble_record>& ensembles,
                                          std::map<work_unit, member_record> reruns, const meanfield::reference* mu) {
    std::vector<nlohmann::json> out;
    std::shared_ptr<const meanfield::reference> own;
    for (const auto& h : st.harnesses) {
        if (h.type == "decay") {
            out.push_back(run_decay(st, h, ensembles));
            continue;
        }
        if (h.type == "uniform_in_time") {
            out.push_back(run_uniform(st, h, ensembles));
            continue;
        }
        if (h.type == "commutator") {
            out.push_back(run_commutator(st, h, ensembles));
            continue;
        }
        if (h.type == "sharpness") {
            if (mu == nullptr) {
                own = make_reference(st);
                mu = own.get();
            }
            out.push_back(run_sharpness_probe(st, h, *mu));
            continue;
        }
        if (h.type == "gronwall") {
            if (mu == nullptr) {
                own = make_reference(st);
                mu = own.get();
            }
            out.push_back(run_gronwall(st, h, ensembles, *mu));
            continue;
        }
        const auto stat = harness::parse_statistic(h.statistic);
        harness::rate_options opt;
        opt.observable = h.observable;
        opt.statistic = h.statistic;
        opt.theory_exponent = st.s / st.d - 1.0;
        opt.log_case = st.s == 0.0;
        opt.bootstrap_replicates = static_cast<std::size_t>(h.bootstrap);
        opt.seed = st.seed;
        opt.max_interval_width = h.max_interval_width;
        harness::rate_fit fit = harness::fit_rate(harness_data(ensembles, h.observable, stat), opt);
        if (h.error_budget && !ensembles.empty()) {
            apply_budget(fit, st, ensembles, reruns, h.observable, stat);
        }
        out.push_back(harness::to_json(fit));
    }
    return out;
}

}  // namespace mfv::study
