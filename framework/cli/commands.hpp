// The `mfv` command: one function a subcommand, each in its own file.
#pragma once
#include <string>
#include <vector>

namespace mfv::cli {

using args = std::vector<std::string>;

int run_command(const args& a, const std::string& command_line);
int validate_command(const args& a);
int energy_command(const args& a);
int gibbs_command(const args& a);
int compare_command(const args& a);
int report_command(const args& a);
int quickstart_command(const std::string& command_line);

// studies/quickstart.json of the source tree, or of the working directory.
std::string default_study_path();

}  // namespace mfv::cli
