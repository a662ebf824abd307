#include <mfv/study/fits.hpp>

#include <mfv/harness/numerical_budget.hpp>
#include <mfv/harness/rate_fit.hpp>
#include <mfv/harness/rate_json.hpp>
#include <mfv/harness/statistic.hpp>

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
                  std::map<std::pair<std::size_t, std::size_t>, member_record>& reruns, const std::string& column,
                  harness::statistic_kind stat) {
    const auto [largest, m] = budget_member(ensembles);
    if (m == nullptr) {
        fit.outcome = harness::verdict::inconclusive;
        fit.reason += " (numerical error budget not computed: no member finished)";
        return;
    }
    const auto key = std::make_pair(largest->N, m->member);
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

}  // namespace

std::vector<nlohmann::json> run_harnesses(const study& st, const std::vector<ensemble_record>& ensembles) {
    std::vector<nlohmann::json> out;
    std::map<std::pair<std::size_t, std::size_t>, member_record> reruns;
    for (const auto& h : st.harnesses) {
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
