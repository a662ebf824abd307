// mfv validate STUDY.json: check a study and print it with every default filled in.
#include "commands.hpp"

#include <mfv/study/study.hpp>

#include <iostream>

namespace mfv::cli {

int validate_command(const args& a) {
    if (a.size() == 1 && (a[0] == "--help" || a[0] == "-h")) {
        std::cout << "mfv validate STUDY.json\n  Checks the study against the schema and the model's rules;\n"
                     "  prints the normalised study (defaults filled in) on success.\n";
        return 0;
    }
    if (a.size() != 1) {
        std::cerr << "mfv validate: expected one study file (see mfv validate --help)\n";
        return 2;
    }
    const auto st = study::load_study(a[0]);
    std::cout << st.normalised.dump(2) << "\n";
    std::cerr << "mfv: " << a[0] << " is a valid study\n";
    return 0;
}

}  // namespace mfv::cli
