// The cheapest offering over each range of traffic (CrossoverReport::cheapest,
// CurveReport::cheapest), checked against a brute-force look at every curve: at each sampled
// request count, and on both sides of every boundary, the range's offering costs no more than
// the cheapest of all the others that can serve that traffic.

#include <breakeven/analysis.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/cost_model.hpp>
#include <breakeven/crossover.hpp>

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace breakeven;
using breakeven::test::bundled;
using breakeven::test::draws;
using breakeven::test::io_bound;
using breakeven::test::line_offering;
using breakeven::test::stairs_offering;
using breakeven::test::test_catalogue;

namespace {

struct Served {
  std::string id;
  CostCurve curve;
  double limit; // the most requests it can serve
};

std::vector<Served> curves_of(std::span<const Offering* const> offerings, const Scenario& s,
                              const Catalogue& catalogue = bundled()) {
  std::vector<Served> out;
  for (const Offering* o : offerings) {
    CostCurve curve(build_cost_model(catalogue, *o, s));
    if (curve.feasible()) {
      double limit = curve.model().max_requests.value_or(std::numeric_limits<double>::infinity());
      out.push_back({o->id, std::move(curve), limit});
    }
  }
  return out;
}

// The range holding n: [from_requests, to_requests), the last one open.
const CheapestRange* range_at(const std::vector<CheapestRange>& ranges, double n) {
  for (const auto& r : ranges) {
    if (n >= r.from_requests && (!r.to_requests || n < *r.to_requests)) {
      return &r;
    }
  }
  return nullptr;
}

// Checks the ranges against every curve at `samples` whole request counts spread over [from, to]
// on a log scale, plus the two sides of every boundary.
void check_envelope(const std::vector<CheapestRange>& ranges, const std::vector<Served>& curves, double from, double to,
                    int samples = 4000) {
  REQUIRE_FALSE(ranges.empty());
  CHECK(ranges.front().from_requests == from);
  std::vector<double> points;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    INFO("range " << i << " from " << ranges[i].from_requests << ": " << ranges[i].offering);
    if (i + 1 < ranges.size()) {
      REQUIRE(ranges[i].to_requests);
      CHECK(*ranges[i].to_requests == ranges[i + 1].from_requests);
      CHECK(ranges[i].offering != ranges[i + 1].offering); // no split that changes nothing
      points.push_back(*ranges[i].to_requests - 1);
      points.push_back(*ranges[i].to_requests);
    }
    CHECK(ranges[i].from_requests < ranges[i].to_requests.value_or(to + 1));
  }
  for (int k = 0; k <= samples; ++k) {
    double lo = std::log1p(from);
    double hi = std::log1p(to);
    points.push_back(std::round(std::expm1(lo + (hi - lo) * k / samples)));
  }
  bool every_one_ends = ranges.back().to_requests.has_value();
  for (double n : points) {
    if (n < from || n > to) {
      continue;
    }
    INFO("at " << n << " requests");
    const CheapestRange* range = range_at(ranges, n);
    if (!range) {
      // Only past the last range when no offering can serve the traffic.
      REQUIRE(every_one_ends);
      for (const auto& c : curves) {
        CHECK(c.limit < n);
      }
      continue;
    }
    const Served* chosen = nullptr;
    double least = std::numeric_limits<double>::infinity();
    for (const auto& c : curves) {
      if (c.id == range->offering) {
        chosen = &c;
      }
      if (c.limit >= n) {
        least = std::min(least, c.curve.at(n));
      }
    }
    REQUIRE(chosen);
    REQUIRE(chosen->limit >= n);
    double cost = chosen->curve.at(n);
    INFO(range->offering << " costs " << cost << "; the least is " << least);
    CHECK((cost <= least || same_cost(cost, least)));
  }
}

} // namespace

TEST_CASE("cheapest ranges, crossover over the default set: every boundary and 4,000 samples against every curve") {
  Scenario s;
  SECTION("the defaults") {}
  SECTION("an I/O-bound API") {
    s = io_bound();
  }
  SECTION("spiky and long") {
    s.duration_ms = 800;
    s.peak_to_average = 6;
  }
  auto offerings = bundled().defaults();
  CrossoverReport report = crossover(bundled(), offerings, s, std::nullopt, std::nullopt);
  check_envelope(report.cheapest, curves_of(offerings, s), report.range.from, report.range.to);
  // More than one offering is cheapest somewhere over a range that shows every crossing.
  CHECK(report.cheapest.size() > 1);
}

TEST_CASE("cheapest ranges, every offering of the catalogue, from a start above 0 to an end of the user's") {
  Scenario s = io_bound();
  std::vector<std::string> all{"*"};
  auto offerings = bundled().select(all);
  CrossoverReport report = crossover(bundled(), offerings, s, 1e6, 3e9);
  check_envelope(report.cheapest, curves_of(offerings, s), 1e6, 3e9, 3000);
}

TEST_CASE("cheapest ranges, an offering with a request limit leaves the envelope where its limit ends") {
  // Three instances at most: every option runs out of room at some traffic (a function once
  // its requests in flight average more than 3), each at its own.
  Scenario s = io_bound();
  s.max_instances = 3;
  std::vector<std::string> ids{"aws.lambda.arm", "aws.ec2.m7g.large", "gcp.gce.e2-standard-2", "aws.fargate.arm"};
  auto offerings = bundled().select(ids);
  CrossoverReport report = crossover(bundled(), offerings, s, 0, 5e9);
  REQUIRE(report.limited.size() == ids.size());
  auto curves = curves_of(offerings, s);
  check_envelope(report.cheapest, curves, 0, 5e9);
  // Past every other option's limit only the one that serves the most is left, up to its own.
  auto most = std::max_element(curves.begin(), curves.end(),
                               [](const Served& a, const Served& b) { return a.limit < b.limit; });
  auto last = std::find_if(curves.begin(), curves.end(),
                           [&report](const Served& c) { return c.id == report.cheapest.back().offering; });
  REQUIRE(last != curves.end());
  CHECK(last->limit == most->limit); // the cheapest of those that serve the most
  REQUIRE(report.cheapest.back().to_requests);
  CHECK(*report.cheapest.back().to_requests == std::floor(most->limit) + 1);
}

TEST_CASE("cheapest ranges, nothing can serve past the limits: the last range ends there") {
  Scenario s = io_bound();
  s.max_instances = 2;
  // Two offerings are one pair of any kinds: here two provisioned ones, both capped.
  std::vector<std::string> ids{"aws.ec2.m7g.large", "aws.fargate.arm"};
  auto offerings = bundled().select(ids);
  CrossoverReport report = crossover(bundled(), offerings, s, 0, 5e9);
  REQUIRE(report.limited.size() == 2);
  REQUIRE(report.cheapest.back().to_requests);
  double most = 0;
  for (const auto& c : curves_of(offerings, s)) {
    most = std::max(most, c.limit);
  }
  CHECK(*report.cheapest.back().to_requests == std::floor(most) + 1);
  check_envelope(report.cheapest, curves_of(offerings, s), 0, 5e9);
}

TEST_CASE("cheapest ranges, curve: the same envelope as crossover over the same range") {
  Scenario s = io_bound();
  auto offerings = bundled().defaults();
  CurveReport curve_report = curve(bundled(), offerings, s, 0, 2e9, 3, false);
  CrossoverReport crossover_report = crossover(bundled(), offerings, s, 0, 2e9);
  REQUIRE(curve_report.cheapest.size() == crossover_report.cheapest.size());
  for (std::size_t i = 0; i < curve_report.cheapest.size(); ++i) {
    CHECK(curve_report.cheapest[i].offering == crossover_report.cheapest[i].offering);
    CHECK(curve_report.cheapest[i].from_requests == crossover_report.cheapest[i].from_requests);
    CHECK(curve_report.cheapest[i].to_requests == crossover_report.cheapest[i].to_requests);
  }
  check_envelope(curve_report.cheapest, curves_of(offerings, s), 0, 2e9);
}

TEST_CASE("cheapest ranges, ties at $0 go to the option that stays free longest") {
  // Under every free tier all the functions cost $0: the first range is the one whose free
  // usage lasts longest, and the next range starts where it first costs more than another.
  std::vector<std::string> ids{"aws.lambda.arm", "aws.lambda.x86", "aws.ec2.m7g.large"};
  Scenario s = io_bound();
  auto offerings = bundled().select(ids);
  CrossoverReport report = crossover(bundled(), offerings, s, 0, 1e9);
  REQUIRE(report.cheapest.size() >= 2);
  auto curves = curves_of(offerings, s);
  check_envelope(report.cheapest, curves, 0, 1e9);
  // Arm's per-GB-s price is below x86's at the same free tier: it is never dearer.
  CHECK(report.cheapest.front().offering == "aws.lambda.arm");
}

TEST_CASE("cheapest ranges, random lines and staircases with wide ties: every request") {
  // Three to five made-up offerings, each a line (a price a request past a free tier) or a
  // staircase (a price an instance, a minimum count), priced near one another so that the
  // cheapest changes often; fees of $1e11-1e12 make a tie $0.1-1 wide, hundreds of requests, so
  // that changes of the cheapest land inside ties, and ties do not chain (a ties b, b ties c,
  // c is strictly below a: case 37 chose a there, then kept it while c cost $1 less). A change
  // missed shows here as a request where the range's offering costs more than another (beyond
  // the tie tolerance), since every request of the range is checked; so does one missed by
  // searching a pair only as far as the next change, or from the last one on.
  std::mt19937 random(20261129);
  auto [uniform, whole] = draws(random);
  const char* ids[] = {"t.a", "t.b", "t.c", "t.d", "t.e"};
  for (int i = 0; i < 300; ++i) {
    const double fees[] = {0.0, 1e11, 1e12};
    double fee = fees[whole(0, 2)];
    double period = std::round(uniform(50, 3000)); // requests an instance serves in a month
    double step = uniform(1, 100);                 // an instance's price for the month
    std::vector<std::string> offerings;
    std::vector<std::string> chosen;
    int count = whole(3, 5);
    for (int k = 0; k < count; ++k) {
      double apart = whole(0, 1) * uniform(0, 3) * step; // fees a few steps apart, or none
      offerings.push_back(whole(0, 1) == 0
                              ? line_offering(ids[k], fee + apart, step / period * uniform(0.8, 1.25),
                                              whole(0, 1) * std::round(uniform(0, 5000)))
                              : stairs_offering(ids[k], fee + apart, step * uniform(0.9, 1.1), whole(0, 4)));
      chosen.emplace_back(ids[k]);
    }
    Catalogue catalogue = test_catalogue(offerings);
    Scenario s;
    s.utilization = 1;
    s.duration_ms = 730.0 * 3600.0 * 1000.0 / period;
    s.cpu_ms = s.duration_ms; // sized by the whole duration: `period` requests an instance
    s.memory_mb = 128;
    double from = whole(0, 1) * std::round(uniform(0, 5000));
    double to = from + 20'000;
    auto selected = catalogue.select(chosen);
    CurveReport report = curve(catalogue, selected, s, from, to, 2, false);
    auto curves = curves_of(selected, s, catalogue);
    INFO("case " << i << ": " << fmt::format("{}", fmt::join(offerings, " ")));
    REQUIRE_FALSE(report.cheapest.empty());
    CHECK(report.cheapest.front().from_requests == from);
    for (double n = from; n <= to; n += 1) {
      const CheapestRange* range = range_at(report.cheapest, n);
      REQUIRE(range);
      double least = std::numeric_limits<double>::infinity();
      double cost = least;
      for (const auto& c : curves) {
        double at = c.curve.at(n);
        least = std::min(least, at);
        if (c.id == range->offering) {
          cost = at;
        }
      }
      if (!(cost <= least || same_cost(cost, least))) {
        FAIL_CHECK("at " << n << " requests " << range->offering << " costs " << cost << "; the least is " << least);
        break;
      }
    }
  }
}
