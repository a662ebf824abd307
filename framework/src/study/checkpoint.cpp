#include <mfv/study/checkpoint.hpp>

#include <mfv/core/error.hpp>
#include <mfv/io/member_json.hpp>
#include <mfv/io/results.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mfv::build_info {
const char* git_commit();
}

namespace mfv::study {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// FNV-1a, 64 bits (Fowler, Noll, Vo): a fingerprint against a changed study, not a
// defence against a forged one.
struct fnv1a64 {
    std::uint64_t h = 14695981039346656037ull;
    void add(const void* data, std::size_t n) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t k = 0; k < n; ++k) h = (h ^ p[k]) * 1099511628211ull;
    }
};

json read_json_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return json::parse(text.str());
}

// The JSON pointers where two normalised studies differ (at most `limit` of them).
std::string differing_fields(const json& stored, const json& now, std::size_t limit = 6) {
    const json patch = json::diff(stored, now);
    std::string out;
    std::size_t k = 0;
    for (const auto& op : patch) {
        if (k == limit) {
            out += ", ...";
            break;
        }
        if (k++ > 0) out += ", ";
        out += op.value("path", std::string("/"));
    }
    return out.empty() ? std::string("the points of the points file") : out;
}

}  // namespace

std::string study_hash(const study& st) {
    fnv1a64 f;
    const std::string text = st.normalised.dump();  // keys sorted: nlohmann::json is an ordered map
    f.add(text.data(), text.size());
    if (st.user_points) {
        const auto& v = st.user_points->data();
        f.add(v.data(), v.size() * sizeof(double));
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(f.h));
    return std::string("fnv1a64:") + hex;
}

checkpoint::checkpoint(const fs::path& run_dir, const study& st, mode m)
    : dir_(run_dir / "checkpoint"), units_(dir_ / "units"), hash_(study_hash(st)) {
    const fs::path manifest = dir_ / "study.json";
    std::size_t present = 0;
    if (fs::is_directory(units_)) {
        for (const auto& entry : fs::directory_iterator(units_)) present += entry.path().extension() == ".json";
    }
    if (m == mode::fresh && present > 0) {
        throw input_error(dir_.string() + " holds " + std::to_string(present) +
                          " finished units of an earlier run that did not complete: pass --resume to continue "
                          "it, or remove " + dir_.string() + " (or choose another -o DIR) to start afresh");
    }
    if (m == mode::resume) {
        if (!fs::exists(manifest)) {
            notes_.push_back("--resume: " + run_dir.string() + " holds no checkpoint; starting from the beginning");
        } else {
            json stored;
            try {
                stored = read_json_file(manifest);
            } catch (const std::exception& e) {
                throw input_error(manifest.string() + ": unreadable checkpoint (" + e.what() +
                                  "); remove " + dir_.string() + " to start afresh");
            }
            if (stored.value("study_hash", std::string()) != hash_) {
                throw input_error("--resume: the study differs from the one " + run_dir.string() +
                                  " was started with (hash " + stored.value("study_hash", std::string("?")) + ", now " +
                                  hash_ + "; differing: " + differing_fields(stored.value("study", json::object()), st.normalised) +
                                  "); run it into another directory, or remove " + dir_.string() + " to start afresh");
            }
            const std::string commit = stored.value("git_commit", std::string("?"));
            if (commit != build_info::git_commit()) {
                notes_.push_back("--resume: the finished units were computed by mfv " + commit + ", this is " +
                                 build_info::git_commit() + "; results.json mixes the two builds");
            }
        }
    }
    fs::create_directories(units_);
    if (m == mode::resume && present > 0) {
        for (const auto& entry : fs::directory_iterator(units_)) {
            const fs::path& file = entry.path();
            if (file.extension() != ".json") {
                // A temporary file of a write that a kill interrupted: never renamed, so never used.
                if (file.filename().string().find(".tmp") != std::string::npos) fs::remove(file);
                continue;
            }
            try {
                const json j = read_json_file(file);
                if (j.value("study_hash", std::string()) != hash_) throw std::runtime_error("written for another study");
                auto [u, rec] = io::unit_from_json(j.at("unit"));
                if (u.file_stem() != file.stem().string()) throw std::runtime_error("its name is not its unit's");
                finished_.emplace(u, std::move(rec));
            } catch (const std::exception& e) {
                notes_.push_back("--resume: " + file.string() + " is not used (" + e.what() + "); its unit is recomputed");
            }
        }
    }
    if (m == mode::resume && fs::exists(manifest)) return;  // keep the record of the build that started it
    const json info = {{"format", "mfv.checkpoint/1"},
                       {"study_hash", hash_},
                       {"git_commit", build_info::git_commit()},
                       {"study", st.normalised}};
    io::write_text_atomically(manifest, info.dump(1) + "\n");
}

std::map<work_unit, member_record> checkpoint::take_finished() { return std::move(finished_); }

void checkpoint::save(const work_unit& u, const member_record& rec) {
    const json j = {{"study_hash", hash_}, {"unit", io::unit_to_json(u, rec)}};
    io::write_text_atomically(units_ / (u.file_stem() + ".json"), j.dump() + "\n");
    ++saved_;
}

void checkpoint::remove() { fs::remove_all(dir_); }

}  // namespace mfv::study
