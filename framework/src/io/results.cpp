#include <mfv/io/results.hpp>

#include <mfv/harness/statistic.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mfv::build_info {
const char* git_commit();
}

namespace mfv::schema_data {
extern const char* const results_schema;
}

namespace mfv::io {

using nlohmann::json;

const std::string& results_schema_text() {
    static const std::string text = schema_data::results_schema;
    return text;
}

namespace {

const std::vector<std::string> statistic_names = {"sup_abs", "initial", "final"};

// Mean, standard deviation (when 2+ members), min and max over members at each output.
json column_summary(const std::vector<const std::vector<double>*>& cols) {
    const std::size_t m = cols.size(), nt = cols.front()->size();
    std::vector<double> mean(nt), sd(nt), lo(nt), hi(nt);
    for (std::size_t k = 0; k < nt; ++k) {
        long double s = 0.0L;
        lo[k] = hi[k] = (*cols[0])[k];
        for (const auto* c : cols) {
            s += (*c)[k];
            lo[k] = std::min(lo[k], (*c)[k]);
            hi[k] = std::max(hi[k], (*c)[k]);
        }
        mean[k] = static_cast<double>(s / m);
        long double v = 0.0L;
        for (const auto* c : cols) v += ((*c)[k] - mean[k]) * ((*c)[k] - mean[k]);
        sd[k] = m > 1 ? std::sqrt(static_cast<double>(v / (m - 1))) : 0.0;
    }
    json j = {{"mean", mean}, {"min", lo}, {"max", hi}};
    if (m > 1) j["std"] = sd;
    return j;
}

json statistic_summary(const std::vector<const std::vector<double>*>& cols) {
    json out = json::object();
    for (const auto& name : statistic_names) {
        const auto stat = harness::parse_statistic(name);
        std::vector<double> v;
        for (const auto* c : cols) v.push_back(harness::extract(stat, *c));
        long double s = 0.0L;
        for (double x : v) s += x;
        const double mean = static_cast<double>(s / v.size());
        json e = {{"mean", mean}, {"values", v}};
        if (v.size() > 1) {
            long double q = 0.0L;
            for (double x : v) q += (x - mean) * (x - mean);
            e["std"] = std::sqrt(static_cast<double>(q / (v.size() - 1)));
        }
        out[name] = e;
    }
    return out;
}

json summary_json(const study::ensemble_record& e) {
    std::vector<const study::member_record*> ok;
    for (const auto& m : e.members) {
        if (m.ok()) ok.push_back(&m);
    }
    json s = {{"members_ok", ok.size()}, {"members_failed", e.members.size() - ok.size()}};
    if (ok.empty()) return s;
    s["t"] = ok.front()->t;
    json obs = json::object(), stats = json::object();
    for (const auto& [name, v] : ok.front()->series) {
        std::vector<const std::vector<double>*> cols;
        for (const auto* m : ok) cols.push_back(m->column(name));
        if (cols.front()->empty()) continue;
        obs[name] = column_summary(cols);
        stats[name] = statistic_summary(cols);
    }
    s["observables"] = obs;
    s["statistics"] = stats;
    return s;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return buf;
}

std::string host_name() {
    char buf[256] = {0};
    if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
    return buf;
}

}  // namespace

json ensemble_json(const study::ensemble_record& e) {
    json members = json::array();
    for (const auto& m : e.members) {
        json j = {{"member", m.member}, {"status", m.status}, {"t", m.t}, {"steps", m.steps}};
        if (std::isfinite(m.energy_drift)) j["energy_drift"] = m.energy_drift;
        for (const auto& [name, v] : m.series) j[name] = v;
        members.push_back(j);
    }
    json out = {{"N", e.N}, {"members", members}, {"summary", summary_json(e)}};
    if (!e.interaction.empty()) out["interaction"] = e.interaction;
    if (!e.interaction_parameters.empty()) out["interaction_parameters"] = e.interaction_parameters;
    if (e.pooled_status != "ok") out["pooled"] = {{"status", e.pooled_status}};
    if (!e.pooled.empty()) {
        json pooled = {{"status", "ok"}, {"t", e.pooled_t}};
        for (const auto& [name, v] : e.pooled) pooled[name] = v;
        out["pooled"] = pooled;
    }
    return out;
}

json provenance_json(const provenance_info& p) {
    return {{"mfv_version", MFV_VERSION},
            {"git_commit", build_info::git_commit()},
            {"compiler", std::string("g++ ") + __VERSION__},
            {"threads", p.threads},
            {"wall_seconds", p.wall_seconds},
            {"host", host_name()},
            {"date", utc_now()},
            {"command_line", p.command_line}};
}

json results_json(const study::study& st, const std::vector<study::ensemble_record>& ensembles,
                  const std::vector<json>& fits, const provenance_info& p) {
    json ens = json::array();
    for (const auto& e : ensembles) ens.push_back(ensemble_json(e));
    json j = {{"schema", "mfv.results/1"},
              {"study", st.normalised},
              {"provenance", provenance_json(p)},
              {"ensembles", ens},
              {"fits", fits}};
    check_no_null(j);
    return j;
}

void check_no_null(const json& j, const std::string& path) {
    if (j.is_null()) throw std::runtime_error("results: " + (path.empty() ? "/" : path) + " is null");
    if (j.is_number_float() && !std::isfinite(j.get<double>())) {
        throw std::runtime_error("results: " + (path.empty() ? "/" : path) + " is not finite");
    }
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) check_no_null(v, path + "/" + k);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) check_no_null(j[i], path + "/" + std::to_string(i));
    }
}

void write_text_atomically(const std::filesystem::path& file, const std::string& text) {
    // The temporary file is private to this process (its pid in the name), made durable
    // (fsync) before the rename, and the rename made durable by an fsync of the directory:
    // after a crash or a power cut, `file` is the previous version or the new one, whole.
    const std::filesystem::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
    const auto fail = [&](const std::string& what) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw std::runtime_error(what + " " + tmp.string() + ": " + std::strerror(err));
    };
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
    for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            fail("error while writing");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        fail("cannot flush");
    }
    if (::close(fd) != 0) fail("cannot close");
    if (::rename(tmp.c_str(), file.c_str()) != 0) fail("cannot rename into " + file.string() + ":");
    const std::filesystem::path parent = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    if (const int dfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

std::string timeseries_csv(const std::vector<study::ensemble_record>& ensembles) {
    std::ostringstream out;
    out.precision(17);
    bool header = false;
    for (const auto& e : ensembles) {
        for (const auto& m : e.members) {
            if (!header && !m.series.empty()) {
                out << "N,member,status,t";
                for (const auto& [name, v] : m.series) out << "," << name;
                out << "\n";
                header = true;
            }
            for (std::size_t k = 0; k < m.t.size(); ++k) {
                out << e.N << "," << m.member << "," << (m.ok() ? "ok" : "error") << "," << m.t[k];
                for (const auto& [name, v] : m.series) out << "," << v[k];
                out << "\n";
            }
        }
    }
    return out.str();
}

}  // namespace mfv::io
