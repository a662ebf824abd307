// mfv compare RESULTS.json BASELINE.json [--all] [--update-baseline --why TEXT]
// Regression check of a run against a reviewed baseline (io/compare.hpp).
#include "commands.hpp"

#include <mfv/core/error.hpp>
#include <mfv/io/compare.hpp>
#include <mfv/io/results.hpp>

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;

namespace mfv::cli {

namespace {

nlohmann::json read_results(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw input_error(file + ": cannot open");
    std::stringstream text;
    text << in.rdbuf();
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& e) {
        // JSON has no NaN or Infinity: such a file is refused here, never compared.
        throw input_error(file + ": not valid JSON (" + e.what() + ")");
    }
}

const char* help_text =
    "\nCompares RESULTS (an mfv.results/1 file) with BASELINE (another one, e.g.\n"
    "reference/baselines/<study>.json, optionally with \"tolerances\" and \"why\" added):\n"
    "  /study                 must be equal\n"
    "  fits                   an estimate with an interval (exponent / interval, log_exponent /\n"
    "                         log_interval, X / X_interval): the new one in the baseline's\n"
    "                         interval or the baseline's in the new interval, and the two\n"
    "                         intervals overlapping (or within tolerances.estimate); verdicts\n"
    "                         and other strings (but \"reason\") and integers equal; other\n"
    "                         numbers must be present, finite and of the same type\n"
    "  ensembles: N, interaction equal; every number of summary (and of /reference) within\n"
    "                         |x - b| <= relative max(|x|, |b|) + absolute\n"
    "Default tolerances: relative 1e-6, absolute 1e-12 (rounding differences between CPUs and\n"
    "compilers stay far below); a baseline may set \"tolerances\": {\"relative\", \"absolute\",\n"
    "\"estimate\", \"ignore\": [JSON pointers]}. A key on one side only, a null, a non-finite\n"
    "number, an array of another length is a failure.\n"
    "\n--update-baseline rewrites BASELINE from RESULTS (keeping its tolerances) and appends\n"
    "{date, git_commit, reason, moved} to its \"why\" (or writes a first baseline where there is\n"
    "none); --why is required. Never automatic: CI only compares.\n"
    "\nExit status: 0 nothing moved (or baseline updated); 4 something moved outside its\n"
    "tolerance; 2 bad input; 1 other errors.\n";

}  // namespace

int compare_command(const args& a) {
    po::options_description desc("mfv compare RESULTS.json BASELINE.json [options]");
    desc.add_options()("help,h", "this help")("all", "print every compared value, not only those that moved")(
        "update-baseline", "rewrite BASELINE from RESULTS (needs --why)")(
        "why", po::value<std::string>(), "why the baseline changes (recorded in it)")(
        "files", po::value<std::vector<std::string>>(), "RESULTS.json BASELINE.json");
    po::positional_options_description pos;
    pos.add("files", 2);
    po::variables_map vm;
    po::store(po::command_line_parser(a).options(desc).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cout << desc << help_text;
        return 0;
    }
    const auto files = vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (files.size() != 2) {
        std::cerr << "mfv compare: expected RESULTS.json and BASELINE.json (see mfv compare --help)\n";
        return 2;
    }
    const bool update = vm.count("update-baseline") > 0;
    const std::string why = vm.count("why") ? vm["why"].as<std::string>() : "";
    if (update && why.find_first_not_of(" \t\n") == std::string::npos) {
        std::cerr << "mfv compare: --update-baseline needs --why \"the reason the baseline changes\"\n";
        return 2;
    }
    const auto result = read_results(files[0]);
    if (update && !std::filesystem::exists(files[1])) {
        // A first baseline: the results themselves, with the reason.
        io::comparison none;
        io::write_text_atomically(files[1], io::updated_baseline(result, nlohmann::json::object(), none, why).dump(2) + "\n");
        std::cout << "mfv compare: " << files[1] << " written from " << files[0] << " (a first baseline)\n";
        return 0;
    }
    const auto baseline = read_results(files[1]);
    io::comparison c;
    try {
        c = io::compare_results(result, baseline);
    } catch (const std::runtime_error& e) {
        throw input_error(e.what());
    }
    std::cout << io::format_comparison(c, vm.count("all") > 0);
    if (update) {
        io::write_text_atomically(files[1], io::updated_baseline(result, baseline, c, why).dump(2) + "\n");
        std::cout << "mfv compare: " << files[1] << " rewritten from " << files[0] << " (" << c.moved()
                  << " value(s) had moved)\n";
        return 0;
    }
    if (c.moved() > 0) {
        std::cerr << "mfv compare: " << c.moved() << " value(s) moved outside their tolerance\n";
        return 4;
    }
    return 0;
}

}  // namespace mfv::cli
