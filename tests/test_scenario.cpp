#include <breakeven/error.hpp>
#include <breakeven/rate_table.hpp>
#include <breakeven/scenario.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <thread>
#include <vector>

using namespace breakeven;

TEST_CASE("parse_scenario, a full scenario file") {
  Scenario s = parse_scenario(R"({"name": "api", "requests_per_month": 5e7, "duration_ms": 120, "memory_mb": 1024,
      "cpu_ms": 40, "peak_to_average": 3, "utilization": 0.6, "min_instances": 2, "free_tier": false,
      "hours_per_month": 200, "task_vcpu": 0.5, "task_memory_mb": 1024, "ephemeral_storage_gb": 30,
      "concurrency": 10, "response_kb": 4, "node_type": "aws.ec2.m7g.large", "addons": ["aws.apigateway.http"]})",
                              "api.json");
  CHECK(s.name == "api");
  CHECK(s.requests() == 5e7);
  CHECK(s.effective_cpu_ms() == 40);
  CHECK(s.min_instances == 2);
  CHECK_FALSE(s.free_tier);
  CHECK(s.average_rps() == Approx(5e7 / (200 * 3600.0)));
  CHECK(s.addons == std::vector<std::string>{"aws.apigateway.http"});
}

TEST_CASE("Scenario defaults and derived values") {
  Scenario s;
  CHECK(s.running_hours() == 730);
  CHECK(!s.hours_per_month);
  CHECK(s.utilization == 0.7);
  // CPU time follows the function measurement: one vCPU per 1,769 MB (AWS Lambda docs).
  CHECK(s.effective_cpu_ms() == 100.0 * (512 / 1769.0));
  s.memory_mb = 1769;
  CHECK(s.effective_cpu_ms() == 100.0);
  s.memory_mb = 10240;
  CHECK(s.effective_cpu_ms() == 100.0); // never more than the duration
  s.cpu_ms = 7;
  CHECK(s.effective_cpu_ms() == 7.0);
  s.rps = 10;
  CHECK(s.requests() == 10 * 730 * 3600.0);
}

TEST_CASE("parse_scenario, bad scenarios: one error naming the file and the field") {
  struct Case {
    const char* what;
    const char* json;
    const char* error;
  };
  const Case cases[] = {
      {"negative requests", R"({"requests_per_month": -5})",
       "s.json: $.requests_per_month: must not be negative (got -5)"},
      {"utilisation 0", R"({"utilization": 0})",
       "s.json: $.utilization: must be from 0.01 to 1 (got 0; 0.7 means 70%)"},
      {"utilisation above 1", R"({"utilization": 70})",
       "s.json: $.utilization: must be from 0.01 to 1 (got 70; 0.7 means 70%)"},
      {"memory 0", R"({"memory_mb": 0})", "s.json: $.memory_mb: must be at least 1 (got 0)"},
      {"zero duration", R"({"duration_ms": 0})", "s.json: $.duration_ms: must be at least 0.001 (got 0)"},
      {"peak below the average", R"({"peak_to_average": 0.5})",
       "s.json: $.peak_to_average: must be at least 1: the peak is never below the average (got 0.5)"},
      {"more hours than a month has", R"({"hours_per_month": 800})",
       "s.json: $.hours_per_month: must be at most 744 (the hours in 31 days) (got 800)"},
      {"fractional instances", R"({"min_instances": 1.5})",
       "s.json: $.min_instances: must be a whole number from 0 (got 1.5)"},
      {"a string where a number belongs", R"({"requests_per_month": "3M"})",
       "s.json: $.requests_per_month: must be a number, not a string"},
      {"unknown key, with did-you-mean", R"({"memory_gb": 2})",
       "s.json: $.memory_gb: unknown key \"memory_gb\" (did you mean \"memory_mb\"?)"},
      {"both rps and requests", R"({"rps": 5, "requests_per_month": 100})",
       "s.json: $.rps: give either requests_per_month or rps, not both"},
      {"free_tier not a boolean", R"({"free_tier": "yes"})",
       "s.json: $.free_tier: must be true or false, not a string"},
      {"addons not a list", R"({"addons": "aws.alb"})", "s.json: $.addons: must be an array, not a string"},
      {"malformed JSON", "{\"memory_mb\": 512,}",
       "s.json: line 1, column 19: malformed JSON: syntax error while parsing object key - unexpected '}'; expected "
       "string literal"},
  };
  for (const auto& c : cases) {
    SECTION(c.what) {
      REQUIRE_THROWS_WITH(parse_scenario(c.json, "s.json"), c.error);
    }
  }
}

TEST_CASE("set_scenario_field, the CLI's path: the flag is the source") {
  Scenario s;
  REQUIRE_THROWS_WITH(set_scenario_field(s, "utilization", 1.5, "--utilization"),
                      "--utilization: must be from 0.01 to 1 (got 1.5; 0.7 means 70%)");
  set_scenario_field(s, "requests_per_month", 1e6, "--requests");
  set_scenario_field(s, "rps", 2, "--rps");
  CHECK_FALSE(s.requests_per_month); // the later flag wins
  CHECK(s.rps == 2);
}

TEST_CASE("scenario_field_problem, every field's documented range (README, Scenario fields)") {
  // The ranges as documented; each bound is accepted, and just past it is not.
  struct Range {
    const char* key;
    double min;
    double max;
  };
  const Range ranges[] = {
      {"requests_per_month", 0, 9007199254740992.0},
      {"rps", 0, 3e9},
      {"duration_ms", 0.001, 86'400'000},
      {"memory_mb", 1, 10'485'760},
      {"cpu_ms", 0.001, 86'400'000},
      {"rps_per_instance", 0.001, 3e9},
      {"peak_to_average", 1, 10'000},
      {"utilization", 0.01, 1},
      {"min_instances", 0, 1e6},
      {"max_instances", 1, 1e6},
      {"month_hours", 672, 744},
      {"hours_per_month", 0.01, 744},
      {"hours_per_day", 1, 24},
      {"days_per_week", 1, 7},
      {"start_hour", 0, 23},
      {"task_vcpu", 0.01, 1024},
      {"task_memory_mb", 1, 10'485'760},
      {"ephemeral_storage_gb", 0, 1e5},
      {"concurrency", 1, 1e5},
      {"response_kb", 0, 1e7},
      {"request_kb", 0, 1e7},
      {"egress_gb_per_month", 0, 1e9},
      {"nat_gb_per_month", 0, 1e9},
      {"cpu_credit_hours", 0, 1e7},
      {"disk_gb", 1, 65'536},
      {"requests_per_connection", 1, 1e9},
      {"provisioned_concurrency", 0, 1e5},
      {"provisioned_hours", 0.01, 744},
      {"provisioned_share", 0, 1},
      {"cold_start_share", 0, 1},
      {"init_ms", 0, 86'400'000},
      {"keep_warm_minutes", 0, 1440},
      {"hourly_rate", 0, 10'000},
      {"static_share", 0, 1},
      {"gpu_ms", 0.001, 86'400'000},
      {"batch_size", 1, 100'000},
      {"scale_down_window_s", 0, 86'400},
  };
  // Besides the numbers: name, free_tier, node_type, disk_type, addons, components, profile,
  // scaling, ops_hours, interruptible.
  REQUIRE(scenario_keys().size() == std::size(ranges) + 10);
  for (const auto& range : ranges) {
    INFO(range.key);
    CHECK_FALSE(scenario_field_problem(range.key, range.min));
    CHECK_FALSE(scenario_field_problem(range.key, range.max));
    CHECK(scenario_field_problem(range.key, std::nextafter(range.min, -1e300)));
    CHECK(scenario_field_problem(range.key, range.max * (1 + 1e-15) + 1e-300));
    CHECK(scenario_field_problem(range.key, std::numeric_limits<double>::max()));
    CHECK(scenario_field_problem(range.key, -2.2e-308));
    CHECK(scenario_field_problem(range.key, std::numeric_limits<double>::infinity()));
    CHECK(scenario_field_problem(range.key, std::numeric_limits<double>::quiet_NaN()));
  }
  CHECK(*scenario_field_problem("memory_mb", 2.2e-308) == "must be at least 1 (got 2.2e-308)");
  CHECK(*scenario_field_problem("requests_per_month", 1.7e308) ==
        "must be at most 9007199254740992 (2^53, the largest exact whole number) (got 1.7e308)");
}

TEST_CASE("check_complete, traffic must be given") {
  REQUIRE_THROWS_WITH(check_complete(Scenario{}, "scenario"),
                      "scenario: no traffic given: use --requests N, --rps X or --profile, or set requests_per_month, "
                      "rps or profile in a scenario file");
  Scenario s;
  s.requests_per_month = 0;
  CHECK_NOTHROW(check_complete(s, "scenario"));
}

TEST_CASE("ScenarioStream, a malformed first line is a bad record, not the start of one object") {
  // --keep-going used to lose every record when the first line was malformed: the line was
  // taken as the start of one pretty-printed object, and the whole input failed with it.
  std::istringstream in("{\"requests_per_month\": 5,,}\n{\"requests_per_month\": 1e6}\n\n{\"rps\": 2}\n");
  ScenarioStream stream(in, "<stdin>");
  REQUIRE_THROWS_WITH(stream.next(), "<stdin> line 1: column 26: malformed JSON: syntax error while parsing object "
                                     "key - unexpected ','; expected string literal");
  auto second = stream.next();
  REQUIRE(second);
  CHECK(second->requests_per_month == 1e6);
  auto third = stream.next();
  REQUIRE(third);
  CHECK(third->rps == 2);
  CHECK_FALSE(stream.next());
  CHECK(stream.records() == 3);

  SECTION("an object over several lines is still one scenario") {
    std::istringstream pretty("{\n  \"requests_per_month\": 1e6,\n  \"duration_ms\": 20\n}\n");
    ScenarioStream one(pretty, "<stdin>");
    auto only = one.next();
    REQUIRE(only);
    CHECK(only->duration_ms == 20);
    CHECK_FALSE(one.next());
  }
}

TEST_CASE("ScenarioStream, a record or an object larger than the input limit is an error, read no further") {
  std::string huge(k_max_input_bytes + 10, ' ');
  std::istringstream lines("{\"requests_per_month\": 1e6}\n{\"rps\": 1, \"name\": \"" + huge + "\"}\n");
  ScenarioStream stream(lines, "<stdin>");
  CHECK(stream.next());
  REQUIRE_THROWS_WITH(stream.next(), "<stdin> line 2: a line is larger than 16 MiB; a scenario is a few hundred bytes");

  std::istringstream object("{\n" + huge + "}\n");
  ScenarioStream one(object, "<stdin>");
  REQUIRE_THROWS_WITH(one.next(), "<stdin>: the scenario is larger than 16 MiB; a scenario is a few hundred bytes");
}

TEST_CASE("Errors are one line: control characters in keys are escaped") {
  REQUIRE_THROWS_WITH(parse_scenario("{\"a\\nb\\u001b[31m\": 1}", "s.json"),
                      "s.json: $.a\\x0ab\\x1b[31m: unknown key \"a\\x0ab\\x1b[31m\"");
}

TEST_CASE("ScenarioStream, a number too large for a double on the first line is a bad record") {
  // Found by fuzz_scenario: nlohmann's out_of_range escaped as an internal error (exit 3).
  std::istringstream in("8e308\n{\"rps\": 1}\n");
  ScenarioStream stream(in, "<stdin>");
  REQUIRE_THROWS_WITH(stream.next(), "<stdin> line 1: malformed JSON: number overflow parsing '8e308'");
  auto next = stream.next();
  REQUIRE(next);
  CHECK(next->rps == 1);
}

TEST_CASE("parse_scenario, a flat record reads the same without a JSON document") {
  // "$schema" is a key only the full parser takes, so the second text goes the long way.
  for (std::string fields : {R"("requests_per_month": 3400000, "duration_ms": 250, "memory_mb": 512)",
                             R"("name": "svc-1, eu", "rps": 12.5, "cpu_ms": 1e1, "min_instances": 2.0)",
                             R"( "memory_mb" :100 ,"duration_ms":	12.5E0, "requests_per_month": -0)",
                             R"("requests_per_month": 9007199254740993, "utilization": 0.75, "start_hour": 0)",
                             R"("rps": 3e9, "peak_to_average": 10000, "hours_per_day": 8, "days_per_week": 5)"}) {
    INFO(fields);
    Scenario flat = parse_scenario("{" + fields + "}", "s.json");
    Scenario full = parse_scenario(R"({"$schema": "x", )" + fields + "}", "s.json");
    CHECK(flat == full);
    CHECK_FALSE(flat.given.empty());
  }
  SECTION("what it declines, the full parser reads or rejects") {
    CHECK(parse_scenario(R"({"requests_per_month": 5, "cpu_ms": null})", "s.json").cpu_ms == std::nullopt);
    CHECK(parse_scenario(R"({"name": "caf\u00e9", "rps": 1})", "s.json").name == "caf\xc3\xa9");
    CHECK_THROWS_WITH(parse_scenario(R"({"rps": 1, "duration_ms": 0})", "s.json"),
                      "s.json: $.duration_ms: must be at least 0.001 (got 0)");
    CHECK(parse_scenario(R"({"rps": 1, "rps": 2})", "s.json").rps == 2); // the last one, as nlohmann reads it
    CHECK_THROWS_WITH(parse_scenario(R"({"rps": 01})", "s.json"), Catch::Contains("malformed JSON"));
    CHECK_THROWS_WITH(parse_scenario(R"({"requests_per_month": 1, "rps": 1})", "s.json"),
                      "s.json: $.rps: give either requests_per_month or rps, not both");
  }
}

TEST_CASE("ScenarioStream::next_record and parse read what next reads, parsed on any thread") {
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += fmt::format("{{\"requests_per_month\": {}, \"duration_ms\": {}{}}}\n", 1000 + i, 10 + i % 7,
                        i % 3 == 0 ? fmt::format(", \"name\": \"r{}\", \"cpu_ms\": {}", i, 1 + i % 5) : "");
    if (i % 50 == 0) {
      text += "\n"; // blank lines are skipped, and counted
    }
  }
  std::istringstream first(text);
  ScenarioStream whole(first, "<stdin>");
  std::vector<Scenario> expected;
  while (auto scenario = whole.next()) {
    expected.push_back(std::move(*scenario));
  }
  REQUIRE(expected.size() == 200);

  std::istringstream second(text);
  ScenarioStream split(second, "<stdin>");
  std::vector<ScenarioStream::Record> records;
  ScenarioStream::Record record;
  while (split.next_record(record)) {
    records.push_back(record);
  }
  REQUIRE(records.size() == 200);
  CHECK(records[51].line == 54); // after the blank lines at 2 and 53
  CHECK(split.records() == 200);
  std::vector<Scenario> parsed(records.size());
  auto parse_every = [&](std::size_t from) {
    for (std::size_t i = from; i < records.size(); i += 2) {
      split.parse(records[i], parsed[i]);
    }
  };
  std::thread other(parse_every, 1);
  parse_every(0);
  other.join();
  CHECK(parsed == expected);

  SECTION("a bad record parsed apart names its line") {
    std::istringstream bad("{\"requests_per_month\": 5}\n\n{\"requests_per_month\": -1}\n");
    ScenarioStream stream(bad, "<stdin>");
    ScenarioStream::Record one;
    REQUIRE(stream.next_record(one));
    REQUIRE(stream.next_record(one));
    Scenario out;
    CHECK_THROWS_WITH(stream.parse(one, out), Catch::StartsWith("<stdin> line 3: $.requests_per_month"));
  }
  SECTION("one pretty-printed object is one record, the whole input") {
    std::istringstream pretty("{\n  \"requests_per_month\": 5\n}\n");
    ScenarioStream stream(pretty, "<stdin>");
    ScenarioStream::Record one;
    REQUIRE(stream.next_record(one));
    CHECK(one.whole);
    Scenario out;
    stream.parse(one, out);
    CHECK(out.requests_per_month == 5);
    CHECK_FALSE(stream.next_record(one));
  }
}
