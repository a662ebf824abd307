// Running one gnuplot script for the plots (plots.hpp): the part that talks to the
// gnuplot process. Not for use outside io/plots*.
//
// gnuplot-iostream opens gnuplot with popen() and its destructor waits for it (pclose).
// It cannot report gnuplot's exit status or stderr, and it writes "pclose returned error"
// to std::cerr when the command fails. So the command it is given is a small shell wrapper
//     { GNUPLOT -d; echo $? > STATUS; cat > /dev/null; } > /dev/null 2> ERRORS
// which keeps gnuplot's output off the terminal, records its exit status and messages in a
// scratch directory, always exits 0 (no noise from the destructor) and drains its input
// (a gnuplot that died early can never turn our writes into SIGPIPE). -d skips the user's
// ~/.gnuplot, so figures do not depend on who draws them.
#pragma once
#include <mfv/io/plots.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace gnuplotio {
class Gnuplot;
}

namespace mfv::io::detail {

// A gnuplot string literal: double quotes, with \ " and newlines escaped.
std::string gnuplot_string(std::string_view text);

// A number for a gnuplot expression, to full double precision.
std::string gnuplot_number(double x);

// dir/basename.png, .svg and .pdf; creates dir. Throws std::invalid_argument for an
// empty basename or one holding '/'.
plot_files output_files(const std::filesystem::path& dir, const std::string& basename);

// Sets the terminal to PNG and the output to files.png, lets `script` send its settings and
// plot command (data files go into the scratch directory it is given), then draws the same
// plot again as SVG into files.svg and as PDF into files.pdf. Waits for gnuplot, then
// checks the three files.
void run_gnuplot(const plot_settings& settings, const plot_files& files,
                 const std::function<void(gnuplotio::Gnuplot& gp, const std::filesystem::path& scratch)>& script);

}  // namespace mfv::io::detail
