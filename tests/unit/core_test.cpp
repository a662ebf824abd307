// Tests of the core module: configurations and counter-based random streams.
#define BOOST_TEST_MODULE core
#include <boost/test/unit_test.hpp>

#include <mfv/core/points.hpp>
#include <mfv/core/random_stream.hpp>

#include <cmath>
#include <vector>

namespace tt = boost::test_tools;

BOOST_AUTO_TEST_CASE(points_are_structure_of_arrays)
{
    mfv::points p(3, 4);
    p(2, 1) = 7.0;
    BOOST_TEST(p.data()[1 * 4 + 2] == 7.0);
    BOOST_TEST(p.coord(1)[2] == 7.0);
    BOOST_TEST(p.view()(2, 1) == 7.0);
}

BOOST_AUTO_TEST_CASE(stream_values_depend_only_on_position)
{
    // Counter-based: a block drawn at once equals the same positions drawn one at a time,
    // in any order. This is what makes results independent of the thread count.
    mfv::random_stream a(42, 1000, 3, mfv::stream_purpose::noise);
    std::vector<double> block(37);
    a.normal(11, block);
    for (int k = 36; k >= 0; --k) {
        double z;
        a.normal(11 + k, std::span<double>(&z, 1));
        BOOST_TEST(z == block[k]);
    }
    // Different member, N, seed or purpose: different numbers.
    mfv::random_stream b(42, 1000, 4, mfv::stream_purpose::noise);
    mfv::random_stream c(42, 1001, 3, mfv::stream_purpose::noise);
    mfv::random_stream e(42, 1000, 3, mfv::stream_purpose::initial_positions);
    std::vector<double> vb(37), vc(37), ve(37);
    b.normal(11, vb); c.normal(11, vc); e.normal(11, ve);
    BOOST_TEST(vb != block);
    BOOST_TEST(vc != block);
    BOOST_TEST(ve != block);
}

BOOST_AUTO_TEST_CASE(normals_have_unit_variance_and_uniforms_are_in_range)
{
    // 2e5 draws: the standard error of the mean is 1/sqrt(2e5) = 2.2e-3 and of the variance
    // sqrt(2/2e5) = 3.2e-3; 5 standard errors leave room for no false alarm.
    mfv::random_stream s(7, 1, 0, mfv::stream_purpose::user);
    const std::size_t m = 200000;
    std::vector<double> z(m), u(m);
    s.normal(0, z);
    s.uniform(0, u);
    double mean = 0, var = 0, umean = 0;
    for (std::size_t k = 0; k < m; ++k) {
        mean += z[k];
        var += z[k] * z[k];
        umean += u[k];
        BOOST_TEST_REQUIRE((u[k] > 0.0 && u[k] <= 1.0));
    }
    mean /= m; var = var / m - mean * mean; umean /= m;
    BOOST_TEST(std::abs(mean) < 5 * 2.24e-3);
    BOOST_TEST(std::abs(var - 1.0) < 5 * 3.2e-3);
    BOOST_TEST(std::abs(umean - 0.5) < 5 * 0.29 / std::sqrt(double(m)));
}
