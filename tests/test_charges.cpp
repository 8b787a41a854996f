// The charges added for issue 15 (volumes, NAT data processing, egress by the month, Kubernetes
// support tiers), each checked against the provider's published unit prices, to the cent.

#include <breakeven/catalogue.hpp>
#include <breakeven/estimate.hpp>

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace breakeven;

namespace {

Estimate priced(const std::string& id, const Scenario& scenario) {
  Estimate e = estimate(test::bundled(), test::bundled().get(id), scenario);
  REQUIRE(e.feasible);
  return e;
}

double monthly(const std::string& id, const Scenario& scenario) {
  return *priced(id, scenario).monthly_cost;
}

// The cost of the line items named `name`, its tiers ("name (free tier)", ...) added up, or -1
// when there is none.
double line(const Estimate& e, const std::string& name) {
  double cost = 0;
  bool found = false;
  for (const auto& item : e.line_items) {
    if (item.name == name || item.name.starts_with(name + " (")) {
      cost += item.cost;
      found = true;
    }
  }
  return found ? cost : -1;
}

Scenario light() {
  Scenario s;
  s.requests_per_month = 1'000'000;
  s.min_instances = 1;
  return s;
}

} // namespace

TEST_CASE("EC2 t3.medium with an 8 GB gp2 root volume: $0.10 per GB-month on top of its instance-hours") {
  // aws.amazon.com/ebs/pricing/ (us-east-1): gp2 $0.10 per GB-month, gp3 $0.08;
  // aws.amazon.com/ec2/pricing/on-demand/: t3.medium $0.0416 an hour.
  Scenario s = light();
  set_component_count(s, "aws.ebs.gp2", 1);
  set_scenario_field(s, "disk_gb", 8, "test");
  Estimate e = priced("aws.ec2.t3.medium", s);
  CHECK(line(e, "EBS gp2 volumes: storage") == Approx(0.80).epsilon(1e-12));
  CHECK(*e.monthly_cost == Approx(730 * 0.0416 + 0.80).epsilon(1e-12)); // $31.17
  // gp3 instead: $0.64.
  Scenario gp3 = light();
  set_component_count(gp3, "aws.ebs.gp3", 1);
  set_scenario_field(gp3, "disk_gb", 8, "test");
  CHECK(monthly("aws.ec2.t3.medium", gp3) == Approx(730 * 0.0416 + 0.64).epsilon(1e-12));
  // The same with --disk-type gp2: the default root volume (8 GB gp3) becomes gp2.
  Scenario typed = light();
  typed.disk_type = "gp2";
  Estimate gp2 = priced("aws.ec2.t3.medium", typed);
  CHECK(line(gp2, "EBS gp2 volumes: storage") == Approx(0.80).epsilon(1e-12));
  CHECK(*gp2.monthly_cost == Approx(730 * 0.0416 + 0.80).epsilon(1e-12));
  // Without a volume counted, each instance has the rate table's root volume: 8 GB gp3, $0.64.
  Scenario root = light();
  root.min_instances = 3;
  Estimate three = priced("aws.ec2.t3.medium", root);
  CHECK(line(three, "EBS gp3 volumes: storage") == Approx(3 * 0.64).epsilon(1e-12));
  CHECK(*three.monthly_cost == Approx(3 * (730 * 0.0416 + 0.64)).epsilon(1e-12));
  bool assumed = false;
  for (const auto& a : three.assumptions) {
    assumed |= a.field == "disk_gb" && a.number == 8 && a.why.find("--disk-type") != std::string::npos;
  }
  CHECK(assumed);
  // --component aws.ebs.gp3=0 leaves it out; GPU VMs (Deep Learning AMIs are larger) and the other
  // providers' VMs have no default (theirs were not verified).
  Scenario bare = light();
  set_component_count(bare, "aws.ebs.gp3", 0);
  CHECK(monthly("aws.ec2.t3.medium", bare) == Approx(730 * 0.0416).epsilon(1e-12));
  CHECK(monthly("aws.ec2.g5.xlarge", light()) == Approx(730 * 1.006).epsilon(1e-12));
  CHECK(priced("gcp.gce.e2-standard-2", light()).line_items.size() == 1);
}

TEST_CASE("disk_type: each cluster's node volumes of that type, a warning where the provider has none") {
  Scenario s = light();
  s.min_instances.reset();
  s.disk_type = "gp2";
  Estimate eks = priced("aws.eks", s);
  CHECK(line(eks, "EBS gp2 volumes: storage") == Approx(3 * 20 * 0.10).epsilon(1e-12)); // $6.00
  CHECK(line(eks, "EBS gp3 volumes: storage") == -1);
  // GKE: pd-standard ($0.04 a GB-month) for its 100 GB pd-balanced disks.
  s.disk_type = "pd-standard";
  Estimate gke = priced("gcp.gke", s);
  CHECK(line(gke, "Persistent Disk pd-standard boot disks for cluster nodes: storage") ==
        Approx(3 * 100 * 0.04).epsilon(1e-12));
  Estimate kept = priced("aws.eks", s);
  CHECK(line(kept, "EBS gp3 volumes: storage") == Approx(4.80).epsilon(1e-12));
  REQUIRE(kept.warnings.size() == 1);
  CHECK(kept.warnings[0] == "disk_type pd-standard is not one of aws's volume types: aws.ebs.gp3 kept");
}

TEST_CASE("Kubernetes node volumes: each cluster's own size unless disk_gb says") {
  Scenario s = light();
  s.min_instances.reset();
  Estimate eks = priced("aws.eks", s);
  CHECK(line(eks, "EBS gp3 volumes: storage") == Approx(3 * 20 * 0.08).epsilon(1e-12)); // $4.80
  set_scenario_field(s, "disk_gb", 50, "test");
  Estimate bigger = priced("aws.eks", s);
  CHECK(line(bigger, "EBS gp3 volumes: storage") == Approx(3 * 50 * 0.08).epsilon(1e-12)); // $12.00
  CHECK(*bigger.monthly_cost - *eks.monthly_cost == Approx(7.20).epsilon(1e-9));
}

TEST_CASE("NAT gateway data processing: 100 GB adds $4.50, however many gateways process it") {
  // aws.amazon.com/vpc/pricing/ (us-east-1): $0.045 per NAT gateway-hour and $0.045 per GB
  // processed; 100 GB is $4.50.
  Scenario s = light();
  set_component_count(s, "aws.nat_gateway", 1);
  double none = monthly("aws.ec2.t3.medium", s);
  set_scenario_field(s, "nat_gb_per_month", 100, "test");
  Estimate e = priced("aws.ec2.t3.medium", s);
  CHECK(line(e, "NAT gateway (one AZ): data processed") == Approx(4.50).epsilon(1e-12));
  CHECK(*e.monthly_cost - none == Approx(4.50).epsilon(1e-9));
  // The instance, its 8 GB gp3 root volume, the gateway's hours and the data: $68.36.
  CHECK(*e.monthly_cost == Approx(730 * 0.0416 + 0.64 + 730 * 0.045 + 4.50).epsilon(1e-12));
  // EKS runs three gateways: the same 100 GB through them is still $4.50.
  Scenario cluster;
  cluster.requests_per_month = 1'000'000;
  double eks_none = monthly("aws.eks", cluster);
  set_scenario_field(cluster, "nat_gb_per_month", 100, "test");
  Estimate eks = priced("aws.eks", cluster);
  CHECK(line(eks, "NAT gateway (one AZ) x3: data processed") == Approx(4.50).epsilon(1e-12));
  CHECK(*eks.monthly_cost - eks_none == Approx(4.50).epsilon(1e-9));
  // Azure NAT Gateway and GCP Cloud NAT: $0.045 per GB processed too
  // (azure.microsoft.com/en-us/pricing/details/azure-nat-gateway/, cloud.google.com/nat/pricing).
  Scenario base;
  base.requests_per_month = 1'000'000;
  CHECK(monthly("azure.aks", cluster) - monthly("azure.aks", base) == Approx(4.50).epsilon(1e-9));
  CHECK(monthly("gcp.gke", cluster) - monthly("gcp.gke", base) == Approx(4.50).epsilon(1e-9));
}

TEST_CASE("Cloud Functions (1st gen) with 100 GB of egress: $0.12 per GB after 5 GB free") {
  // cloud.google.com/functions/pricing-1stgen: outbound data $0.12 per GB, 5 GB free a month.
  Scenario s;
  s.requests_per_month = 1'000'000;
  s.free_tier = false;
  double none = monthly("gcp.functions.gen1", s);
  set_scenario_field(s, "egress_gb_per_month", 100, "test");
  Estimate e = priced("gcp.functions.gen1", s);
  CHECK(*e.monthly_cost - none == Approx(12.00).epsilon(1e-9)); // 100 x $0.12, no free tier
  CHECK(line(e, "Cloud Run functions (1st gen) outbound data: outbound data (egress)") == Approx(12.00).epsilon(1e-12));
  s.free_tier = true;
  Scenario free = s;
  free.egress_gb_per_month = 0;
  CHECK(monthly("gcp.functions.gen1", s) - monthly("gcp.functions.gen1", free) ==
        Approx(95 * 0.12).epsilon(1e-9)); // $11.40
}

TEST_CASE("egress_gb_per_month adds to the responses' volume, on the provider's tiers") {
  // aws.amazon.com/ec2/pricing/on-demand/: 100 GB a month free, then $0.09 per GB (first 10 TB).
  Scenario s;
  s.requests_per_month = 1'048'576; // 1 KB each: 1 GB of responses
  s.response_kb = 1;
  set_scenario_field(s, "egress_gb_per_month", 199, "test");
  Estimate e = priced("aws.lambda.arm", s);
  CHECK(line(e, "Data transfer out to the internet: egress") == Approx(100 * 0.09).epsilon(1e-9)); // $9.00
  // The month's volume alone attaches the provider's egress.
  Scenario alone;
  alone.requests_per_month = 1'000'000;
  set_scenario_field(alone, "egress_gb_per_month", 200, "test");
  CHECK(line(priced("aws.lambda.arm", alone), "Data transfer out to the internet: egress") ==
        Approx(100 * 0.09).epsilon(1e-9));
}

TEST_CASE("Kubernetes support tiers: EKS extended support, AKS Free tier") {
  // aws.amazon.com/eks/pricing/ and aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-
  // kubernetes-versions-pricing/: $0.60 per cluster-hour in extended support, $0.10 in standard.
  Scenario s;
  s.requests_per_month = 1'000'000;
  Estimate extended = priced("aws.eks.extended", s);
  CHECK(line(extended, "EKS cluster (extended support)") == Approx(730 * 0.60).epsilon(1e-12)); // $438.00
  CHECK(*extended.monthly_cost - monthly("aws.eks", s) == Approx(730 * 0.50).epsilon(1e-9));    // $365.00
  // azure.microsoft.com/en-us/pricing/details/kubernetes-service/: Free tier, no management fee;
  // Standard $0.10 per cluster-hour.
  CHECK(monthly("azure.aks", s) - monthly("azure.aks.free", s) == Approx(73.00).epsilon(1e-9));
}

TEST_CASE("Burstable CPU credits: surplus vCPU-hours at the unlimited-mode price") {
  // aws.amazon.com/ec2/pricing/on-demand/ (T2/T3/T4g Unlimited Mode Pricing): $0.05 per vCPU-hour
  // for T3 on Linux, $0.04 for T4g.
  Scenario s = light();
  double none = monthly("aws.ec2.t3.medium", s);
  set_scenario_field(s, "cpu_credit_hours", 100, "test");
  Estimate e = priced("aws.ec2.t3.medium", s);
  CHECK(line(e, "surplus CPU credits (unlimited mode)") == Approx(5.00).epsilon(1e-12));
  CHECK(*e.monthly_cost - none == Approx(5.00).epsilon(1e-9));
  CHECK(monthly("aws.ec2.t4g.small", s) - monthly("aws.ec2.t4g.small", light()) == Approx(4.00).epsilon(1e-9));
  // A non-burstable instance has no credits to bill.
  CHECK(monthly("aws.ec2.m7g.large", s) == monthly("aws.ec2.m7g.large", light()));
}

TEST_CASE("an add-on an offering already includes is billed once, with a warning") {
  // aws.eks includes an Application Load Balancer (pricing/aws.json: components); --addon aws.alb
  // names the same balancer, not a second one.
  Scenario s;
  s.requests_per_month = 10'000'000;
  double without = monthly("aws.eks", s);
  s.addons = {"aws.alb"};
  Estimate with = priced("aws.eks", s);
  CHECK(*with.monthly_cost == Approx(without).epsilon(1e-12));
  REQUIRE(with.warnings.size() == 1);
  CHECK(with.warnings[0] ==
        "add-on aws.alb not added: aws.eks includes it already (set --component aws.alb=COUNT for more)");
  // Counted out, the add-on is the one balancer: the cost is back where it was, with no warning.
  set_component_count(s, "aws.alb", 0);
  Estimate replaced = priced("aws.eks", s);
  CHECK(*replaced.monthly_cost == Approx(without).epsilon(1e-12));
  CHECK(replaced.warnings.empty());
  // Where it is not included, it is added: a VM pays the balancer's hours ($0.0225 x 730 = $16.425).
  Scenario vm;
  vm.requests_per_month = 10'000'000;
  double alone = monthly("aws.ec2.m7g.large", vm);
  vm.addons = {"aws.alb"};
  CHECK(monthly("aws.ec2.m7g.large", vm) - alone > 16.425);
}
