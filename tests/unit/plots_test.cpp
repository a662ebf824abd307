// Tests of the plots (io/plots*): both figures are written as PNG and SVG through gnuplot,
// the rate figure's axes are labelled at every N, bad data and a failing gnuplot are
// reported, and nothing is printed on stderr.
#define BOOST_TEST_MODULE plots
#include <boost/test/unit_test.hpp>

#include <mfv/io/plots.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace mfv::io;

namespace {
// A fresh directory under the system's temporary directory, removed at the end.
struct temp_dir {
    fs::path path;
    temp_dir() {
        std::string name = (fs::temp_directory_path() / "mfv-plots-test-XXXXXX").string();
        BOOST_TEST_REQUIRE(::mkdtemp(name.data()) != nullptr);
        path = name;
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs f with file descriptor 2 redirected to a file, and returns what was written there:
// this sees what the gnuplot child writes as well as std::cerr.
std::string captured_stderr(const std::function<void()>& f) {
    temp_dir d;
    const fs::path file = d.path / "stderr.txt";
    std::fflush(stderr);
    const int saved = ::dup(2);
    std::FILE* sink = std::fopen(file.c_str(), "w");
    ::dup2(::fileno(sink), 2);
    try {
        f();
    } catch (...) {
        std::fflush(stderr);
        ::dup2(saved, 2);
        throw;
    }
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    std::fclose(sink);
    return contents(file);
}

void check_figures(const plot_files& f) {
    // The PNG signature (RFC 2083, section 3.1) and an SVG root element.
    const std::string png = contents(f.png);
    BOOST_TEST_REQUIRE(png.size() > 8u);
    BOOST_TEST(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    BOOST_TEST(contents(f.svg).find("<svg") != std::string::npos);
    // A PDF file starts with its header "%PDF-" (ISO 32000-1, section 7.5.2).
    BOOST_TEST(contents(f.pdf).substr(0, 5) == "%PDF-");
}

// F_N(t) ~ -1.2 N^(-2/3) (1 - e^(-5t)) with a band of +-20%: the shape of MATH.md 7 (iid
// start near 0, negative of order N^(s/d-1) after a short time).
std::vector<series_band> energy_series() {
    std::vector<series_band> series;
    for (std::uint64_t n : {256, 1024, 4096}) {
        series_band s;
        s.N = n;
        for (int k = 0; k <= 40; ++k) {
            const double t = k / 40.0;
            const double f = -1.2 * std::pow(double(n), -2.0 / 3.0) * (1.0 - std::exp(-5.0 * t)) + 2e-3 / n;
            s.t.push_back(t);
            s.mean.push_back(f);
            s.lower.push_back(f - 0.2 * std::abs(f) - 1e-4);
            s.upper.push_back(f + 0.2 * std::abs(f) + 1e-4);
        }
        series.push_back(s);
    }
    return series;
}

// |mean| = 1.2 N^(-2/3) with 10% bars, N = 512 outside the fit with a bar reaching below 0.
rate_plot_data rate_data() {
    rate_plot_data d;
    for (double n : {256.0, 512.0, 1024.0, 2048.0, 4096.0, 8192.0}) {
        const double m = 1.2 * std::pow(n, -2.0 / 3.0);
        d.N.push_back(n);
        d.mean_abs.push_back(m);
        d.lower.push_back(n == 512.0 ? -0.01 : 0.9 * m);
        d.upper.push_back(1.1 * m);
        d.in_fit.push_back(n != 512.0);
    }
    d.fit = power_line{1.2, -0.657};
    d.theory_exponent = -2.0 / 3.0;
    d.exponent_text = "p = -0.657 [-0.722, -0.593]\ntheory -0.667: attained";
    d.ylabel = "sup_t |F_N|";
    return d;
}
}  // namespace

BOOST_AUTO_TEST_CASE(time_series_figure_is_written_as_png_and_svg)
{
    temp_dir d;
    const auto series = energy_series();
    plot_files f;
    const std::string err = captured_stderr([&] {
        f = plot_time_series(d.path / "figs", "energy", "F_N(t), \"Coulomb\" d = 3 \\ ball", "F_N", series);
    });
    BOOST_TEST(f.png == d.path / "figs" / "energy.png");
    check_figures(f);
    BOOST_TEST(err.empty(), "stderr: " << err);
}

BOOST_AUTO_TEST_CASE(rate_figure_is_written_as_png_and_svg)
{
    temp_dir d;
    rate_plot_data data = rate_data();
    plot_files f;
    const std::string err = captured_stderr([&] { f = plot_rate(d.path, "rate", "sup_t |F_N| against N", data); });
    check_figures(f);
    BOOST_TEST(err.empty(), "stderr: " << err);
    // Every plotted N is a labelled tic of the N axis (gnuplot's own log tics would label
    // 1000 alone here), and the |mean| axis (bars from 0.0027 to 0.033, and margins) is
    // labelled at 1-2-5 times powers of ten, not at 0.001, 0.01 and 0.1 alone.
    const std::string svg = contents(f.svg);
    for (const char* n : {"256", "512", "1024", "2048", "4096", "8192"}) {
        BOOST_TEST(svg.find(std::string("<text>") + n + "</text>") != std::string::npos, "N tic " << n);
    }
    for (const char* y : {"0.002", "0.005", "0.01", "0.02", "0.05"}) {
        BOOST_TEST(svg.find(std::string("<text>") + y + "</text>") != std::string::npos, "|mean| tic " << y);
    }
    // Without a fit, and with an N whose |mean| is 0 (not drawable on a log axis): the
    // figure is still drawn, and its text names the N left out.
    data.fit.reset();
    data.mean_abs[1] = 0.0;
    f = plot_rate(d.path, "rate_nofit", "no fit", data);
    check_figures(f);
    BOOST_TEST(contents(f.svg).find("N = 512 not drawn") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_data_is_refused_before_gnuplot_runs)
{
    temp_dir d;
    auto series = energy_series();
    series[1].upper.pop_back();
    BOOST_CHECK_THROW(plot_time_series(d.path, "x", "t", "y", series), std::invalid_argument);
    series = energy_series();
    series[0].mean[3] = std::nan("");
    BOOST_CHECK_THROW(plot_time_series(d.path, "x", "t", "y", series), std::invalid_argument);
    rate_plot_data data = rate_data();
    data.in_fit.pop_back();
    BOOST_CHECK_THROW(plot_rate(d.path, "x", "t", data), std::invalid_argument);
    BOOST_CHECK_THROW(plot_rate(d.path, "a/b", "t", rate_data()), std::invalid_argument);
    BOOST_TEST(!fs::exists(d.path / "x.png"));
}

BOOST_AUTO_TEST_CASE(failing_gnuplot_throws_with_its_message_and_leaves_no_file)
{
    temp_dir d;
    const auto series = energy_series();
    // A gnuplot that does not exist: the shell's "not found" and status 127.
    plot_settings missing;
    missing.gnuplot = (d.path / "no-such-gnuplot").string();
    std::string err = captured_stderr([&] {
        try {
            plot_time_series(d.path, "a", "t", "y", series, missing);
            BOOST_ERROR("no exception for a missing gnuplot");
        } catch (const std::runtime_error& e) {
            BOOST_TEST(std::string(e.what()).find("status 127") != std::string::npos, e.what());
        }
    });
    BOOST_TEST(err.empty(), "stderr: " << err);

    // A "gnuplot" that complains and exits 3 after writing a partial file.
    const fs::path fake = d.path / "fake-gnuplot";
    std::ofstream(fake) << "#!/bin/sh\ncat > /dev/null\necho 'line 7: boom' >&2\n: > '"
                        << (d.path / "b.png").string() << "'\nexit 3\n";
    fs::permissions(fake, fs::perms::owner_all);
    plot_settings failing;
    failing.gnuplot = fake.string();
    try {
        plot_time_series(d.path, "b", "t", "y", series, failing);
        BOOST_ERROR("no exception for a failing gnuplot");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("status 3") != std::string::npos, what);
        BOOST_TEST(what.find("boom") != std::string::npos, what);
    }
    BOOST_TEST(!fs::exists(d.path / "b.png"));

    // A "gnuplot" that exits 0 but writes nothing: the missing file is caught.
    const fs::path lazy = d.path / "lazy-gnuplot";
    std::ofstream(lazy) << "#!/bin/sh\ncat > /dev/null\nexit 0\n";
    fs::permissions(lazy, fs::perms::owner_all);
    plot_settings idle;
    idle.gnuplot = lazy.string();
    BOOST_CHECK_THROW(plot_rate(d.path, "c", "t", rate_data(), idle), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(decay_figure_is_written_and_refuses_bad_data)
{
    // Two N decaying at rates 10 and 12 above plateaus 0.01 and 0.005; a predicted rate 11.
    temp_dir d;
    decay_plot_data data;
    for (int q = 0; q < 2; ++q) {
        decay_curve c;
        c.N = 256u << q;
        c.fitted = true;
        c.A = 0.3, c.lambda = 10.0 + 2 * q, c.B = 0.01 / (q + 1), c.t_begin = 0.0, c.t_end = 0.5;
        for (int k = 0; k <= 20; ++k) {
            c.t.push_back(0.025 * k);
            c.mean.push_back(c.A * std::exp(-c.lambda * c.t.back()) + c.B);
        }
        data.curves.push_back(c);
    }
    data.predicted_rate = 11.0;
    data.text = "lambda = 12 [11, 13]\nverdict: consistent";
    plot_files f;
    const std::string err = captured_stderr([&] { f = plot_decay(d.path, "decay", "decay", data); });
    check_figures(f);
    BOOST_TEST(err.empty(), "stderr: " << err);
    BOOST_TEST(contents(f.svg).find("predicted rate 11") != std::string::npos);
    // A curve at its plateau everywhere has nothing to draw on a log axis; mismatched sizes
    // are an error.
    decay_plot_data flat = data;
    for (auto& c : flat.curves)
        for (double& m : c.mean) m = c.B;
    BOOST_CHECK_THROW(plot_decay(d.path, "flat", "t", flat), std::invalid_argument);
    data.curves[0].mean.pop_back();
    BOOST_CHECK_THROW(plot_decay(d.path, "bad", "t", data), std::invalid_argument);
}
