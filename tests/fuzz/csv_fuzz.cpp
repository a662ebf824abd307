// libFuzzer target: arbitrary bytes as a point file (CSV) for d = 1, 2, 3, in the whole space
// and on the torus. The reader must return points or throw, never crash or hang. Built only
// with MFV_BUILD_FUZZ (clang).
#include <mfv/sampling/points_csv.hpp>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The reader takes a path: one scratch file per fuzzing process.
    static const std::string path = "/tmp/mfv-csv-fuzz-" + std::to_string(::getpid()) + ".csv";
    if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    for (int d = 1; d <= 3; ++d) {
        for (bool torus : {false, true}) {
            try {
                (void)mfv::sampling::read_points_csv(path, d, torus);
            } catch (const std::exception&) {
                // A refusal, with its message.
            }
        }
    }
    return 0;
}
