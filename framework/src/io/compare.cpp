#include <mfv/io/compare.hpp>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>
#include <sstream>
#include <stdexcept>

namespace mfv::io {

using nlohmann::json;

namespace {

std::string show(const json& v) {
    if (v.is_number_float()) {
        std::ostringstream o;
        o.precision(10);
        o << v.get<double>();
        return o.str();
    }
    std::string s = v.dump();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
}

std::string num(double x, int precision = 3) {
    std::ostringstream o;
    o.precision(precision);
    o << x;
    return o.str();
}

// The interval that sits beside an estimate: "exponent" -> "interval",
// "log_exponent" -> "log_interval", X -> "X_interval".
std::string interval_key(const std::string& key) {
    if (key == "exponent") return "interval";
    if (key == "log_exponent") return "log_interval";
    return key + "_interval";
}

bool is_interval(const json& v) {
    return v.is_array() && v.size() == 2 && v[0].is_number() && v[1].is_number();
}

class walker {
public:
    walker(const compare_tolerances& tol, comparison& out) : tol_(tol), out_(out) {}

    // Every leaf must exist on both sides with the same type; numbers by the relative rule.
    void numbers(const json& r, const json& b, const std::string& path) {
        if (ignored(path) || !same_shape(r, b, path)) return;
        if (r.is_object()) {
            for_each_key(r, b, path, [&](const std::string& k, const std::string& p) { numbers(r[k], b[k], p); });
        } else if (r.is_array()) {
            if (std::all_of(r.begin(), r.end(), [](const json& x) { return x.is_number(); }) &&
                std::all_of(b.begin(), b.end(), [](const json& x) { return x.is_number(); }) && !r.empty()) {
                number_array(r, b, path);
            } else {
                for (std::size_t k = 0; k < r.size(); ++k) numbers(r[k], b[k], path + "/" + std::to_string(k));
            }
        } else if (r.is_number_float() || b.is_number_float()) {
            number(r.get<double>(), b.get<double>(), path);
        } else {
            equal(r, b, path);
        }
    }

    // A fit: estimates by their intervals, verdicts and other strings equal, integers
    // equal; other numbers only checked for presence and type (they derive from the
    // summary statistics, which are compared number by number).
    void fit(const json& r, const json& b, const std::string& path) {
        if (ignored(path) || !same_shape(r, b, path)) return;
        if (r.is_array()) {
            for (std::size_t k = 0; k < r.size(); ++k) fit(r[k], b[k], path + "/" + std::to_string(k));
            return;
        }
        if (!r.is_object()) {
            if (r.is_string() || r.is_boolean() || (r.is_number_integer() && b.is_number_integer())) equal(r, b, path);
            return;
        }
        std::set<std::string> intervals_used;
        for (const auto& [k, v] : r.items()) {
            const std::string ik = interval_key(k), p = path + "/" + k;
            if (!b.contains(k) || ignored(p)) continue;
            if (v.is_number() && b[k].is_number() && r.contains(ik) && b.contains(ik) && is_interval(r[ik]) &&
                is_interval(b[ik])) {
                estimate(v.get<double>(), b[k].get<double>(), r[ik], b[ik], p);
                intervals_used.insert(ik);
            }
        }
        for_each_key(r, b, path, [&](const std::string& k, const std::string& p) {
            if (k == "reason" || ignored(p)) return;  // prose that prints rounded numbers
            if (intervals_used.count(k)) {
                if (tol_.estimate > 0.0) same_shape(r[k], b[k], p);  // the estimate's own tolerance rules
                else overlap(r[k], b[k], p);
                return;
            }
            const std::string ik = interval_key(k);
            if (r[k].is_number() && r.contains(ik) && is_interval(r[ik])) return;  // done above
            fit(r[k], b[k], p);
        });
    }

    void whole(const json& r, const json& b, const std::string& path) {
        if (ignored(path)) return;
        if (r == b) {
            out_.rows.push_back({path, "", "", "equal", "equal", true});
            return;
        }
        std::string where;
        std::size_t n = 0;
        for (const auto& op : json::diff(b, r)) {
            if (n++ == 4) {
                where += ", ...";
                break;
            }
            where += (where.empty() ? "" : ", ") + path + op.value("path", std::string());
        }
        out_.rows.push_back({path, "", "", "differs at " + where, "equal", false});
    }

private:
    bool ignored(const std::string& path) const {
        for (const auto& p : tol_.ignore)
            if (path == p || (path.rfind(p, 0) == 0 && path.size() > p.size() && path[p.size()] == '/')) return true;
        return false;
    }

    template <class F>
    void for_each_key(const json& r, const json& b, const std::string& path, F&& f) {
        std::set<std::string> keys;
        for (const auto& [k, v] : r.items()) keys.insert(k);
        for (const auto& [k, v] : b.items()) keys.insert(k);
        for (const auto& k : keys) {
            const std::string p = path + "/" + k;
            if (ignored(p)) continue;
            if (!r.contains(k) || !b.contains(k)) {
                out_.rows.push_back({p, b.contains(k) ? show(b[k]) : "(missing)", r.contains(k) ? show(r[k]) : "(missing)",
                                     r.contains(k) ? "only in the result" : "missing in the result", "on both sides", false});
                continue;
            }
            f(k, p);
        }
    }

    // Same JSON type on both sides, no null, arrays of one length.
    bool same_shape(const json& r, const json& b, const std::string& path) {
        const auto kind = [](const json& v) {
            if (v.is_number()) return std::string("number");
            return std::string(v.type_name());
        };
        std::string problem;
        if (r.is_null() || b.is_null()) problem = "null";
        else if (kind(r) != kind(b)) problem = kind(b) + " became " + kind(r);
        else if (r.is_array() && r.size() != b.size())
            problem = std::to_string(b.size()) + " entries became " + std::to_string(r.size());
        else if (r.is_number() && (!std::isfinite(r.get<double>()) || !std::isfinite(b.get<double>())))
            problem = "not finite";
        if (problem.empty()) return true;
        out_.rows.push_back({path, show(b), show(r), problem, "same type and length, finite, not null", false});
        return false;
    }

    void equal(const json& r, const json& b, const std::string& path) {
        out_.rows.push_back({path, show(b), show(r), r == b ? "equal" : "changed", "equal", r == b});
    }

    bool close(double x, double y) const {
        return std::abs(x - y) <= tol_.relative * std::max(std::abs(x), std::abs(y)) + tol_.absolute;
    }

    std::string allowed() const { return "rel " + num(tol_.relative, 2) + " + abs " + num(tol_.absolute, 2); }

    void number(double x, double y, const std::string& path) {
        const double rel = std::abs(x - y) / std::max(std::abs(y), 1e-300);
        out_.rows.push_back({path, show(json(y)), show(json(x)), x == y ? "equal" : "rel " + num(rel), allowed(), close(x, y)});
    }

    // One row for an array of numbers: its worst entry.
    void number_array(const json& r, const json& b, const std::string& path) {
        std::size_t worst = 0;
        double worst_excess = -1.0, worst_rel = 0.0;
        bool ok = true;
        for (std::size_t k = 0; k < r.size(); ++k) {
            const double x = r[k].get<double>(), y = b[k].get<double>();
            if (!std::isfinite(x) || !std::isfinite(y)) {
                ok = false;
                worst = k;
                break;
            }
            const double excess = std::abs(x - y) - (tol_.relative * std::max(std::abs(x), std::abs(y)) + tol_.absolute);
            ok = ok && excess <= 0.0;
            if (excess > worst_excess) {
                worst_excess = excess;
                worst = k;
                worst_rel = std::abs(x - y) / std::max(std::abs(y), 1e-300);
            }
        }
        out_.rows.push_back({path + "/" + std::to_string(worst), show(b[worst]), show(r[worst]),
                             "worst of " + std::to_string(r.size()) + ": rel " + num(worst_rel), allowed(), ok});
    }

    void estimate(double x, double y, const json& ri, const json& bi, const std::string& path) {
        if (tol_.estimate > 0.0) {
            out_.rows.push_back({path, show(json(y)), show(json(x)), "moved " + num(x - y), "abs " + num(tol_.estimate),
                                 std::abs(x - y) <= tol_.estimate});
            return;
        }
        // Each estimate lies in its own interval, so "in the union of the two intervals"
        // taken literally never fails; the rule that can: one estimate lies in the other
        // side's interval (the new exponent in the baseline's, or the baseline's in the new).
        const double rlo = ri[0].get<double>(), rhi = ri[1].get<double>();
        const double blo = bi[0].get<double>(), bhi = bi[1].get<double>();
        const bool ok = (blo <= x && x <= bhi) || (rlo <= y && y <= rhi);
        out_.rows.push_back({path, show(json(y)), show(json(x)), "moved " + num(x - y),
                             "in [" + num(blo, 4) + ", " + num(bhi, 4) + "] or baseline in [" + num(rlo, 4) + ", " +
                                 num(rhi, 4) + "]",
                             ok});
    }

    // The intervals of one estimate on the two sides must meet.
    void overlap(const json& r, const json& b, const std::string& path) {
        if (!same_shape(r, b, path)) return;
        const bool meet = r[0].get<double>() <= b[1].get<double>() && b[0].get<double>() <= r[1].get<double>();
        out_.rows.push_back({path, show(b), show(r), meet ? "overlap" : "disjoint", "intervals overlap", meet});
    }

    const compare_tolerances& tol_;
    comparison& out_;
};

void require_results(const json& j, const std::string& which) {
    if (!j.is_object() || j.value("schema", std::string()) != "mfv.results/1")
        throw std::runtime_error(which + " is not an mfv results file (schema mfv.results/1)");
    for (const char* k : {"study", "ensembles", "fits"})
        if (!j.contains(k)) throw std::runtime_error(which + " has no \"" + k + "\"");
}

}  // namespace

std::size_t comparison::moved() const {
    return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const compare_row& r) { return !r.ok; }));
}

compare_tolerances tolerances_of(const json& baseline) {
    compare_tolerances t;
    if (!baseline.contains("tolerances")) return t;
    const json& j = baseline["tolerances"];
    if (!j.is_object()) throw std::runtime_error("baseline: /tolerances must be an object");
    for (const auto& item : j.items()) {
        // Named copies: clang 14 cannot capture structured bindings in a lambda.
        const std::string k = item.key();
        const json& v = item.value();
        const auto positive = [&](double& into) {
            if (!v.is_number() || !(v.get<double>() >= 0.0))
                throw std::runtime_error("baseline: /tolerances/" + k + " must be a number >= 0");
            into = v.get<double>();
        };
        if (k == "relative") positive(t.relative);
        else if (k == "absolute") positive(t.absolute);
        else if (k == "estimate") positive(t.estimate);
        else if (k == "ignore") {
            if (!v.is_array()) throw std::runtime_error("baseline: /tolerances/ignore must be a list of JSON pointers");
            for (const auto& p : v) {
                if (!p.is_string() || p.get<std::string>().empty() || p.get<std::string>()[0] != '/')
                    throw std::runtime_error("baseline: /tolerances/ignore holds JSON pointers such as \"/fits/0/per_N\"");
                t.ignore.push_back(p.get<std::string>());
            }
        } else if (k != "why") {
            throw std::runtime_error("baseline: /tolerances/" + k +
                                     " is not a known key (known keys: relative, absolute, estimate, ignore, why)");
        }
    }
    return t;
}

comparison compare_results(const json& result, const json& baseline) {
    require_results(result, "the result");
    require_results(baseline, "the baseline");
    const compare_tolerances tol = tolerances_of(baseline);
    comparison c;
    walker w(tol, c);
    w.whole(result["study"], baseline["study"], "/study");
    w.fit(result["fits"], baseline["fits"], "/fits");
    const json& re = result["ensembles"];
    const json& be = baseline["ensembles"];
    if (!re.is_array() || !be.is_array() || re.size() != be.size()) {
        c.rows.push_back({"/ensembles", std::to_string(be.size()) + " entries", std::to_string(re.size()) + " entries",
                          "changed", "equal", false});
    } else {
        for (std::size_t k = 0; k < re.size(); ++k) {
            const std::string p = "/ensembles/" + std::to_string(k);
            for (const char* key : {"N", "summary"}) {
                if (!re[k].contains(key) || !be[k].contains(key)) {
                    c.rows.push_back({p + "/" + key, "", "", "missing", "on both sides", false});
                    continue;
                }
                if (std::string(key) == "N") w.fit(re[k]["N"], be[k]["N"], p + "/N");
                else w.numbers(re[k]["summary"], be[k]["summary"], p + "/summary");
            }
            if (re[k].contains("interaction") || be[k].contains("interaction")) {
                if (re[k].contains("interaction") && be[k].contains("interaction"))
                    w.fit(re[k]["interaction"], be[k]["interaction"], p + "/interaction");
                else
                    c.rows.push_back({p + "/interaction", "", "", "on one side only", "on both sides", false});
            }
        }
    }
    if (result.contains("reference") || baseline.contains("reference")) {
        if (result.contains("reference") && baseline.contains("reference"))
            w.numbers(result["reference"], baseline["reference"], "/reference");
        else
            c.rows.push_back({"/reference", "", "", "on one side only", "on both sides", false});
    }
    return c;
}

std::string format_comparison(const comparison& c, bool all) {
    std::vector<const compare_row*> shown;
    for (const auto& r : c.rows)
        if (all || !r.ok) shown.push_back(&r);
    std::size_t wp = 4, wb = 8, wr = 6, wc = 6;
    for (const auto* r : shown) {
        wp = std::max(wp, r->path.size());
        wb = std::max(wb, r->baseline.size());
        wr = std::max(wr, r->result.size());
        wc = std::max(wc, r->change.size());
    }
    std::ostringstream o;
    const auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
    if (!shown.empty()) {
        o << pad("path", wp) << "  " << pad("baseline", wb) << "  " << pad("result", wr) << "  " << pad("change", wc)
          << "  allowed\n";
        for (const auto* r : shown)
            o << pad(r->path, wp) << "  " << pad(r->baseline, wb) << "  " << pad(r->result, wr) << "  "
              << pad(r->change, wc) << "  " << r->allowed << (r->ok ? "" : "   MOVED") << "\n";
    }
    o << c.rows.size() << " values compared, " << c.moved() << " moved outside their tolerance\n";
    return o.str();
}

json updated_baseline(const json& result, const json& baseline, const comparison& c, const std::string& reason) {
    json out = result;
    if (baseline.contains("tolerances")) out["tolerances"] = baseline["tolerances"];
    json why = json::array();
    if (baseline.contains("why")) {
        if (baseline["why"].is_array()) why = baseline["why"];
        else why.push_back(baseline["why"]);
    }
    json moved = json::array();
    for (const auto& r : c.rows)
        if (!r.ok) moved.push_back(r.path);
    const std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    why.push_back({{"date", date},
                   {"git_commit", result.value("/provenance/git_commit"_json_pointer, std::string("unknown"))},
                   {"reason", reason},
                   {"moved", moved}});
    out["why"] = why;
    return out;
}

}  // namespace mfv::io
