#include <mfv/io/plots_gnuplot.hpp>

#include <gnuplot-iostream.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <locale>
#include <sstream>
#include <stdexcept>

namespace mfv::io {

std::string default_gnuplot() {
#ifdef MFV_GNUPLOT
    return MFV_GNUPLOT;
#else
    return "gnuplot";
#endif
}

namespace detail {

namespace {
namespace fs = std::filesystem;

// A POSIX shell word: single quotes, each ' written as '\''.
std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// A private directory for gnuplot's exit status, its messages and the data files; removed
// with everything in it when the plot is done.
class scratch_dir {
public:
    scratch_dir() {
        std::string name = (fs::temp_directory_path() / "mfv-plot-XXXXXX").string();
        if (::mkdtemp(name.data()) == nullptr) {
            throw std::runtime_error("plots: cannot create a scratch directory " + name + ": " + std::strerror(errno));
        }
        path_ = name;
    }
    ~scratch_dir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
}

std::string terminal(const std::string& name, const plot_settings& s) {
    // pdfcairo takes its size in inches: the pixel size at 140 pixels an inch (900 x 600
    // gives 6.4 x 4.3 in, a figure a page wide), so the fonts keep their proportions.
    const std::string size = name == "pdfcairo" ? gnuplot_number(s.width / 140.0) + "in," + gnuplot_number(s.height / 140.0) + "in"
                                                : std::to_string(s.width) + "," + std::to_string(s.height);
    std::string t = "set terminal " + name + " size " + size + " noenhanced font " + gnuplot_string(s.font);
    if (name == "svg") t += " background rgb \"white\"";
    return t + "\n";
}

// What went wrong, or "" when gnuplot exited with status 0, without a warning, and both
// files exist and are not empty.
std::string failure(const fs::path& scratch, const plot_files& files) {
    const std::string status = read_text(scratch / "status");
    const std::string errors = read_text(scratch / "errors");
    const std::string said = errors.empty() ? "" : ": " + errors;
    if (status.empty()) return "gnuplot did not run to its end" + said;
    if (status != "0") return "gnuplot exited with status " + status + said;
    if (errors.find("warning") != std::string::npos) return "gnuplot warned" + said;
    for (const fs::path& f : {files.png, files.svg, files.pdf}) {
        std::error_code ec;
        if (!fs::exists(f) || fs::file_size(f, ec) == 0 || ec) return "gnuplot did not write " + f.string() + said;
    }
    return "";
}

void remove_outputs(const plot_files& files) {
    for (const fs::path& f : {files.png, files.svg, files.pdf}) {
        std::error_code ec;
        fs::remove(f, ec);
        if (ec) throw std::runtime_error("plots: cannot remove the old " + f.string() + ": " + ec.message());
    }
}
}  // namespace

std::string gnuplot_string(std::string_view text) {
    std::string s = "\"";
    for (char c : text) {
        if (c == '\\' || c == '"') s += '\\';
        if (c == '\n') s += "\\n";
        else if (static_cast<unsigned char>(c) >= 0x20) s += c;
    }
    return s + "\"";
}

std::string gnuplot_number(double x) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s.precision(17);
    s << x;
    return s.str();
}

plot_files output_files(const fs::path& dir, const std::string& basename) {
    if (basename.empty() || basename.find('/') != std::string::npos) {
        throw std::invalid_argument("plots: basename \"" + basename + "\" must be a non-empty file name without '/'");
    }
    fs::create_directories(dir);
    return {dir / (basename + ".png"), dir / (basename + ".svg"), dir / (basename + ".pdf")};
}

void run_gnuplot(const plot_settings& settings, const plot_files& files,
                 const std::function<void(gnuplotio::Gnuplot& gp, const fs::path& scratch)>& script) {
    if (settings.gnuplot.empty() || settings.width <= 0 || settings.height <= 0) {
        throw std::invalid_argument("plots: the settings need a gnuplot executable and a positive size");
    }
    remove_outputs(files);
    const scratch_dir scratch;
    const std::string command = "{ " + shell_quote(settings.gnuplot) + " -d; echo $? > " +
                                shell_quote((scratch.path() / "status").string()) + "; cat > /dev/null; } > /dev/null 2> " +
                                shell_quote((scratch.path() / "errors").string());
    std::exception_ptr script_failed;
    try {
        // The block ends with gp's destructor, which waits for gnuplot to exit.
        Gnuplot gp(command);
        try {
            gp << terminal("pngcairo", settings) << "set output " << gnuplot_string(files.png.string()) << "\n";
            script(gp, scratch.path());
            gp << terminal("svg", settings) << "set output " << gnuplot_string(files.svg.string()) << "\n";
            gp << "replot\n";
            gp << terminal("pdfcairo", settings) << "set output " << gnuplot_string(files.pdf.string()) << "\n";
            gp << "replot\nunset output\n" << std::flush;
        } catch (...) {
            script_failed = std::current_exception();
        }
    } catch (const std::exception& e) {
        throw std::runtime_error("plots: cannot start gnuplot (" + settings.gnuplot + "): " + e.what());
    }
    const std::string why = script_failed ? "" : failure(scratch.path(), files);
    if (script_failed || !why.empty()) remove_outputs(files);
    if (script_failed) std::rethrow_exception(script_failed);
    if (!why.empty()) {
        throw std::runtime_error("plots: " + settings.gnuplot + " drawing " + files.png.string() + ", " +
                                 files.svg.string() + " and " + files.pdf.string() + ": " + why);
    }
}

}  // namespace detail

}  // namespace mfv::io
