// libFuzzer target: arbitrary bytes as a study file. mfv must answer every input with a
// value or an exception (the command turns those into a message and a non-zero exit), never
// with a crash, a sanitizer report or a hang. Built only with MFV_BUILD_FUZZ (clang).
#include <mfv/core/error.hpp>
#include <mfv/study/study.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        // Not JSON (a syntax error, or a number beyond a double: load_study refuses both).
        return 0;
    }
    try {
        (void)mfv::study::parse_study(j, ".");
    } catch (const std::exception&) {
        // A refusal, with its message: what the command reports.
    }
    return 0;
}
