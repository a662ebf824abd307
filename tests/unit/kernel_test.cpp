// Tests of the kernel module against MATH.md sections 0 and 1.
#define BOOST_TEST_MODULE kernel
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/kernel/riesz_kernel.hpp>

#include <cmath>

namespace tt = boost::test_tools;
using mfv::kernel::riesz_kernel;

BOOST_AUTO_TEST_CASE(fourier_constants_match_math_md)
{
    // Sample values of MATH.md section 1 (given to 10 digits; 1e-9 relative).
    BOOST_TEST(riesz_kernel(1, 0.5).fourier_constant() == 5.013256549, tt::tolerance(1e-9));
    BOOST_TEST(riesz_kernel(3, 0.5).fourier_constant() == 15.74960995, tt::tolerance(1e-9));
    BOOST_TEST(riesz_kernel(3, 2.0).fourier_constant() == M_PI * M_PI, tt::tolerance(1e-14));
    // Coulomb: |S^(d-1)|; log: 2^(d-1) pi^(d/2) Gamma(d/2).
    BOOST_TEST(riesz_kernel(3, 1.0).fourier_constant() == 4 * M_PI, tt::tolerance(1e-14));
    BOOST_TEST(riesz_kernel(2, 0.0).fourier_constant() == 2 * M_PI, tt::tolerance(1e-14));
    BOOST_TEST(riesz_kernel(1, 0.0).fourier_constant() == M_PI, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(gradient_matches_finite_differences)
{
    // -grad g(x) = x |x|^(-s-2): check d/dr g(r) = -r * repulsion(r^2) by a central
    // difference of step 1e-5 (truncation error ~1e-10 relative, rounding ~1e-11).
    for (double s : {0.0, 0.5, 1.0, 1.7}) {
        riesz_kernel g(2, s);
        const double r = 0.73, h = 1e-5;
        const double fd = (g.value_r2((r + h) * (r + h)) - g.value_r2((r - h) * (r - h))) / (2 * h);
        BOOST_TEST(fd == -r * g.repulsion_r2(r * r), tt::tolerance(1e-8));
    }
}

BOOST_AUTO_TEST_CASE(invalid_parameters_are_rejected)
{
    BOOST_CHECK_THROW(riesz_kernel(3, 3.0), mfv::input_error);
    BOOST_CHECK_THROW(riesz_kernel(3, -0.1), mfv::input_error);
    BOOST_CHECK_THROW(riesz_kernel(4, 1.0), mfv::input_error);
    BOOST_CHECK_THROW(riesz_kernel(2, std::nan("")), mfv::input_error);
    BOOST_TEST(riesz_kernel(3, 1.0).is_coulomb());
    BOOST_TEST(riesz_kernel(2, 0.0).is_coulomb());
    BOOST_TEST(!riesz_kernel(3, 1.5).is_coulomb());
}

BOOST_AUTO_TEST_CASE(fast_paths_agree_with_pow)
{
    // s = 1 and s = 2 avoid pow(); they must agree with the general formula to rounding
    // (a few ulp: 4e-16 relative).
    for (int d : {2, 3}) {
        for (double s : {1.0, 2.0}) {
            if (s >= d) continue;
            riesz_kernel g(d, s);
            for (double r2 : {1e-6, 0.3, 1.0, 7.5, 1e4}) {
                BOOST_TEST(g.value_r2(r2) == std::pow(r2, -0.5 * s) / s, tt::tolerance(4e-16));
                BOOST_TEST(g.repulsion_r2(r2) == std::pow(r2, -0.5 * s - 1.0), tt::tolerance(4e-16));
            }
        }
    }
}
