// breakeven advise: each question's rule, the shortlist's order and the portfolio's total.

#include <breakeven/advise.hpp>
#include <breakeven/catalogue.hpp>
#include <breakeven/render.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "support.hpp"

#include <algorithm>

using namespace breakeven;

namespace {

Advice advise_defaults(const Scenario& scenario, const Constraints& constraints) {
  const Catalogue& catalogue = test::bundled();
  auto offerings = catalogue.defaults();
  return advise(catalogue, offerings, scenario, constraints);
}

const AdvisedOption& option_of(const Advice& advice, const std::string& id) {
  auto it = std::find_if(advice.options.begin(), advice.options.end(),
                         [&id](const AdvisedOption& o) { return o.estimate.offering_id == id; });
  REQUIRE(it != advice.options.end());
  return *it;
}

const Answer& answer_to(const AdvisedOption& option, Question question) {
  return option.answers.at(static_cast<std::size_t>(question));
}

} // namespace

TEST_CASE("advise answers every question in the article's order, and the shortlist is cheapest first") {
  Scenario s;
  s.requests_per_month = 10'000'000;
  s.duration_ms = 120;
  Advice advice = advise_defaults(s, {});
  REQUIRE(advice.shortlisted > 1);
  for (const auto& option : advice.options) {
    REQUIRE(option.answers.size() == 7);
    for (std::size_t q = 0; q < 7; ++q) {
      CHECK(option.answers[q].question == static_cast<Question>(q));
    }
  }
  for (std::size_t i = 1; i < advice.shortlisted; ++i) {
    CHECK(*advice.options[i - 1].ranked_cost <= *advice.options[i].ranked_cost);
  }
  for (std::size_t i = advice.shortlisted; i < advice.options.size(); ++i) {
    CHECK(advice.options[i].ruled_out_by.has_value());
  }
  CHECK(advice.recommendation.starts_with("Pick " + advice.options.front().estimate.offering_id));
}

TEST_CASE("A 20-minute batch job rules out every function with its duration limit") {
  Scenario s;
  s.requests_per_month = 3000;
  s.duration_ms = 20 * 60 * 1000;
  s.memory_mb = 2048;
  Advice advice = advise_defaults(s, {});
  for (const auto& option : advice.options) {
    if (option.estimate.kind == OfferingKind::function) {
      CHECK(option.ruled_out_by == Question::duration);
    }
  }
  const AdvisedOption& lambda = option_of(advice, "aws.lambda.arm");
  CHECK(answer_to(lambda, Question::duration).reason == "a request runs 20 min; the limit is 15 min");
  CHECK(advice.shortlisted > 0);
}

TEST_CASE("A latency target with cold starts names what warm capacity costs, or rules the option out") {
  auto [s, c] = test::cold_latency();
  Advice advice = advise_defaults(s, c);
  const AdvisedOption& lambda = option_of(advice, "aws.lambda.arm");
  CHECK(lambda.cold_start_share >= 0.01);
  REQUIRE(lambda.warm_fix);
  CHECK(lambda.warm_fix->how == "provisioned_concurrency");
  CHECK(lambda.warm_fix->count >= 1);
  CHECK(lambda.warm_fix->extra_cost > 0);
  CHECK(*lambda.ranked_cost == lambda.warm_fix->monthly_cost);
  // The cost it is ranked at is the sum of the line items of its estimate with the fix.
  REQUIRE(lambda.warm_fix->estimate.monthly_cost);
  CHECK(*lambda.warm_fix->estimate.monthly_cost == lambda.warm_fix->monthly_cost);
  double items = 0;
  for (const auto& item : lambda.warm_fix->estimate.line_items) {
    items += item.cost;
  }
  CHECK(items == Approx(lambda.warm_fix->monthly_cost).margin(1e-9));
  CHECK(describe(*lambda.warm_fix) == fmt::format("{} provisioned environment{} (--provisioned-concurrency {})",
                                                  lambda.warm_fix->count, lambda.warm_fix->count == 1 ? "" : "s",
                                                  lambda.warm_fix->count));
  CHECK(answer_to(lambda, Question::latency).verdict == Answer::Verdict::warn);
  const AdvisedOption& cloudrun = option_of(advice, "gcp.cloudrun");
  REQUIRE(cloudrun.warm_fix);
  CHECK(cloudrun.warm_fix->how == "min_instances");
  // No way to keep Azure Functions Consumption warm: latency rules it out.
  CHECK(option_of(advice, "azure.functions.consumption").ruled_out_by == Question::latency);
  // Provisioned capacity has no cold starts.
  CHECK(answer_to(option_of(advice, "aws.ec2.m7g.large"), Question::latency).verdict == Answer::Verdict::pass);
  // Without a measured cold start, a share above 1% is a warning asking for one.
  c.cold_start_ms.reset();
  Advice unknown = advise_defaults(s, c);
  CHECK(answer_to(option_of(unknown, "aws.lambda.arm"), Question::latency).reason.find("--cold-start-ms") !=
        std::string::npos);
}

TEST_CASE("Hardware isolation keeps only microVM and hypervisor options, and says why for the rest") {
  Scenario s;
  s.requests_per_month = 10'000'000;
  s.duration_ms = 120;
  Constraints c;
  c.isolation = IsolationNeed::hardware;
  Advice advice = advise_defaults(s, c);
  const Catalogue& catalogue = test::bundled();
  for (std::size_t i = 0; i < advice.shortlisted; ++i) {
    const Offering& offering = catalogue.get(advice.options[i].estimate.offering_id);
    REQUIRE(offering.isolation);
    CHECK((*offering.isolation == IsolationLevel::microvm || *offering.isolation == IsolationLevel::hypervisor));
  }
  const AdvisedOption& eks = option_of(advice, "aws.eks");
  CHECK(eks.ruled_out_by == Question::compliance);
  CHECK(answer_to(eks, Question::compliance).reason.find("shared-kernel isolation") == 0);
  // Undocumented isolation cannot pass a requirement.
  CHECK(option_of(advice, "azure.functions.consumption").ruled_out_by == Question::compliance);
}

TEST_CASE("Team skills, budget and portability rule options out by their own question") {
  Scenario s;
  s.requests_per_month = 10'000'000;
  s.duration_ms = 120;
  Constraints c;
  c.team = {"serverless"};
  c.portability = ExitNeed::high;
  Advice advice = advise_defaults(s, c);
  // Team comes before exit in the framework: a VM is ruled out by team, a function by exit.
  CHECK(option_of(advice, "aws.ec2.m7g.large").ruled_out_by == Question::team);
  CHECK(option_of(advice, "aws.lambda.arm").ruled_out_by == Question::exit);
  CHECK(advice.shortlisted == 0);
  CHECK(advice.recommendation.starts_with("No option passes every question"));
  Constraints budget;
  budget.budget = 10;
  Advice cheap = advise_defaults(s, budget);
  for (const auto& option : cheap.options) {
    if (option.ranked_cost && *option.ranked_cost > 10) {
      CHECK(option.ruled_out_by.has_value());
    }
  }
  CHECK(option_of(cheap, "aws.eks").ruled_out_by == Question::cost);
}

TEST_CASE("A portfolio totals each workload's pick") {
  Scenario api;
  api.name = "api";
  api.requests_per_month = 10'000'000;
  api.duration_ms = 120;
  Scenario batch;
  batch.name = "batch";
  batch.requests_per_month = 3000;
  batch.duration_ms = 20 * 60 * 1000;
  Portfolio p = portfolio({advise_defaults(api, {}), advise_defaults(batch, {})});
  REQUIRE(p.monthly_total);
  CHECK(*p.monthly_total ==
        Approx(*p.workloads[0].options.front().ranked_cost + *p.workloads[1].options.front().ranked_cost));
}

TEST_CASE("advise and portfolio: prices, what every option's estimate uses, once") {
  const Catalogue& catalogue = test::dated();
  std::vector<const Offering*> fn{&catalogue.get("dated.fn")};
  std::vector<const Offering*> vm{&catalogue.get("dated.vm")};
  Scenario s = test::dated_scenario();
  Advice functions = advise(catalogue, fn, s, {});
  CHECK(functions.prices == std::vector<PriceDate>{{"dated.fn", "2025-05-01"},
                                                   {"dated.egress", "2025-03-01"},
                                                   {"dated.gateway", "2025-04-01"}});
  Advice vms = advise(catalogue, vm, s, {});
  CHECK(vms.prices == std::vector<PriceDate>{{"dated.vm", "2026-06-01"}, {"dated.egress", "2025-03-01"}});
  Portfolio both = portfolio({functions, vms});
  CHECK(both.prices == std::vector<PriceDate>{{"dated.fn", "2025-05-01"},
                                              {"dated.egress", "2025-03-01"},
                                              {"dated.gateway", "2025-04-01"},
                                              {"dated.vm", "2026-06-01"}});
}

TEST_CASE("advise with lean estimates: the same answers, ranking and assumptions, in every format but the page") {
  // Only the HTML page shows the options' estimates in full; text, JSON and Markdown read
  // their costs, reasons and assumptions, which k_advice_estimates_lean keeps.
  const Catalogue& catalogue = test::bundled();
  std::vector<const Offering*> all;
  for (const auto& offering : catalogue.offerings()) {
    all.push_back(&offering);
  }
  std::vector<std::pair<Scenario, Constraints>> cases(4);
  cases[0].first.requests_per_month = 1e7;
  cases[1].first.requests_per_month = 3e8;
  cases[1].second.p99_ms = 150; // warm fixes priced
  cases[2].first.requests_per_month = 3e9;
  cases[2].first.duration_ms = 20'000; // limits rule functions out
  cases[2].first.memory_mb = 20'000;
  cases[3].first.requests_per_month = 5e6;
  cases[3].first.profile = test::working_day();
  cases[3].second.team = {"serverless"};
  cases[3].second.budget = 200;
  for (const auto& [scenario, constraints] : cases) {
    Portfolio described = portfolio({advise(catalogue, all, scenario, constraints)});
    Portfolio lean = portfolio({advise(catalogue, all, scenario, constraints, k_advice_estimates_lean)});
    INFO(scenario.requests_per_month.value_or(0));
    for (Format format : {Format::table, Format::json, Format::markdown}) {
      CHECK(render_advice(lean, format, {}) == render_advice(described, format, {}));
    }
    REQUIRE(lean.workloads.front().options.size() == described.workloads.front().options.size());
    for (std::size_t i = 0; i < lean.workloads.front().options.size(); ++i) {
      CHECK(lean.workloads.front().options[i].estimate.line_items.size() ==
            described.workloads.front().options[i].estimate.line_items.size());
    }
  }
}
