// The checkpoint of a run directory (issue 8): every finished unit of work is written to
//   DIR/checkpoint/units/<N........-m....[-tightened]>.json
// as it finishes, atomically (write, fsync, rename), before its thread or rank starts the
// next one; DIR/checkpoint/study.json holds the hash of the normalised study (every default
// filled in, keys sorted, plus the points of a points file) and the study itself.
// `mfv run --resume` reads the units back and computes only the others; since a unit is
// bitwise the same wherever it runs and is stored in a form that reads back bitwise
// (io/member_json.hpp), the resumed results.json is that of an uninterrupted run.
// Once results.json is written the checkpoint has done its job and is removed.
#pragma once
#include <mfv/study/runner.hpp>
#include <mfv/study/study.hpp>
#include <mfv/study/work_unit.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mfv::study {

// "fnv1a64:<16 hex digits>" of the normalised study and its points.
std::string study_hash(const study& st);

class checkpoint {
public:
    enum class mode { fresh, resume };

    // fresh: refuses (input_error) a DIR that holds finished units of an earlier run, so
    //        that no finished work is lost by a forgotten --resume.
    // resume: refuses a DIR whose study differs from `st`, naming the fields that differ;
    //        a DIR without a checkpoint starts from the beginning (see notes()).
    checkpoint(const std::filesystem::path& run_dir, const study& st, mode m);

    // The units read back (resume), keyed and ordered by unit; moved out once.
    std::map<work_unit, member_record> take_finished();

    // Write one finished unit (atomically) before the caller starts another.
    void save(const work_unit& u, const member_record& rec);

    // Remove the checkpoint (after results.json is written).
    void remove();

    const std::filesystem::path& directory() const { return dir_; }
    std::size_t saved() const { return saved_; }
    // Warnings for the log: a unit file that could not be read (it is recomputed), a
    // checkpoint written by another build of mfv, or a resume with nothing to resume.
    const std::vector<std::string>& notes() const { return notes_; }

private:
    std::filesystem::path dir_, units_;
    std::string hash_;
    std::map<work_unit, member_record> finished_;
    std::size_t saved_ = 0;
    std::vector<std::string> notes_;
};

}  // namespace mfv::study
