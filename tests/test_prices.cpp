// The prices added for issue 10, each checked against the unit prices its page publishes, to
// the cent: a changed price must change this file too.

#include <breakeven/catalogue.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace breakeven;

namespace {

double monthly(const std::string& id, const Scenario& scenario) {
  Estimate e = estimate(test::bundled(), test::bundled().get(id), scenario);
  REQUIRE(e.feasible);
  return *e.monthly_cost;
}

Scenario edge_scenario() {
  Scenario s;
  s.requests_per_month = 10'000'000;
  s.duration_ms = 50;
  s.cpu_ms = 5;
  s.memory_mb = 128;
  return s;
}

} // namespace

TEST_CASE("EC2 Spot: m7g.large at $0.0405 an hour (AWS's Spot price feed, 2026-08-10)") {
  Scenario s;
  s.requests_per_month = 1'000'000;
  s.interruptible = true;
  set_component_count(s, "aws.ebs.gp3", 0); // the instance alone, without its root volume
  CHECK(monthly("aws.ec2.m7g.large@spot", s) == Approx(730 * 0.0405).epsilon(1e-12)); // $29.57
  CHECK(monthly("aws.ec2.g5.xlarge@spot", s) == Approx(730 * 0.5089).epsilon(1e-12)); // $371.50
}

TEST_CASE("Edge functions: Lambda@Edge, CloudFront Functions, Vercel and Azure Flex from their unit prices") {
  Scenario s = edge_scenario();
  // Lambda@Edge: 10M x $0.60/M + 10M x 0.125 GB x 0.05 s x $0.00005001 = $6.00 + $3.13, no free tier.
  CHECK(monthly("aws.lambda_edge.viewer", s) == Approx(6.0 + 62'500 * 0.00005001).epsilon(1e-12));
  // CloudFront Functions: 2M invocations free, 8M x $0.10/M = $0.80 (2 MB of memory).
  Scenario tiny = s;
  tiny.memory_mb = 2;
  CHECK(monthly("aws.cloudfront_functions", tiny) == Approx(0.80).epsilon(1e-12));
  CHECK_FALSE(estimate(test::bundled(), test::bundled().get("aws.cloudfront_functions"), s).feasible);
  // Vercel (iad1): $0.60/M invocations, 50,000 CPU-s at $0.128/h, 62,500 GB-s at $0.0106/GB-h.
  CHECK(monthly("vercel.functions.fluid", s) ==
        Approx(6.0 + 50'000.0 / 3600 * 0.128 + 62'500.0 / 3600 * 0.0106).epsilon(1e-12)); // $7.96
  // Azure Flex: 512 MB size, 100 ms steps: 500,000 GB-s less 100,000 free at $0.000026, and
  // 9.75M executions at $0.40/M (250,000 free): $10.40 + $3.90.
  CHECK(monthly("azure.functions.flex", s) == Approx(400'000 * 0.000026 + 9'750'000 * 0.0000004).epsilon(1e-12));
}

TEST_CASE("GPU prices: GCP g2-standard-4, Modal L4 and Replicate T4 per their pages") {
  Scenario s;
  s.requests_per_month = 1000;
  s.duration_ms = 2000;
  s.memory_mb = 1024;
  // g2-standard-4: $0.706832255 an hour, 730 h: $515.99.
  CHECK(monthly("gcp.gce.g2-standard-4", s) == Approx(730 * 0.706832255).epsilon(1e-12));
  // Replicate bills a public model's running time only: 2,000 s x $0.000225 = $0.45.
  CHECK(monthly("replicate.gpu-t4", s) == Approx(0.45).epsilon(1e-12));
  // Modal without its window: 2,000 container-seconds of L4 ($0.000222), 0.125 core
  // ($0.0000131 a core-second) and 1 GiB ($0.00000222 a GiB-second).
  s.scale_down_window_s = 0;
  CHECK(monthly("modal.l4", s) == Approx(2000 * (0.000222 + 0.125 * 0.0000131 + 0.00000222)).epsilon(1e-9));
}

TEST_CASE("GKE and AKS include the parts EKS does, each at its page's price") {
  Scenario s;
  s.requests_per_month = 10'000'000;
  auto items = [&s](const std::string& id) {
    Estimate e = estimate(test::bundled(), test::bundled().get(id), s);
    REQUIRE(e.feasible);
    return e.line_items;
  };
  auto cost_of = [](const std::vector<LineItem>& lines, const std::string& prefix) {
    for (const auto& line : lines) {
      if (line.name.starts_with(prefix)) {
        return line.cost;
      }
    }
    return -1.0;
  };
  auto gke = items("gcp.gke");
  CHECK(cost_of(gke, "External Application Load Balancer") == Approx(730 * 0.025).epsilon(1e-12)); // $18.25
  CHECK(cost_of(gke, "Cloud NAT") == Approx(3 * 730 * 0.0014).epsilon(1e-12));                     // $3.07
  CHECK(cost_of(gke, "Persistent Disk pd-balanced") == Approx(3 * 100 * 0.10).epsilon(1e-12));     // $30.00
  auto aks = items("azure.aks");
  CHECK(cost_of(aks, "NAT gateway") == Approx(730 * 0.045).epsilon(1e-12));   // $32.85
  CHECK(cost_of(aks, "Premium SSD P10") == Approx(3 * 19.71).epsilon(1e-12)); // $59.13
}
