// The JSON documents the renderers write, as values, for the other renderers that must carry the
// same numbers (the HTML page puts them in its DOM), and the HTML pages themselves. Private to
// the library.
#pragma once

#include <breakeven/render.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace breakeven::detail {

nlohmann::ordered_json compare_json_document(const CompareReport& report);
nlohmann::ordered_json curve_json_document(const CurveReport& report);
nlohmann::ordered_json crossover_json_document(const CrossoverReport& report);
nlohmann::ordered_json advice_json_document(const Portfolio& portfolio);
/// One estimate as compare's JSON writes it under `results`: line items in cents adding up to the total.
nlohmann::ordered_json estimate_json(const Estimate& estimate);

std::string compare_html(const CompareReport& report, const RenderOptions& options);
std::string curve_html(const CurveReport& report, const RenderOptions& options);
std::string crossover_html(const CrossoverReport& report, const CurveReport* chart, const RenderOptions& options);
std::string advice_html(const Portfolio& portfolio, const RenderOptions& options);

} // namespace breakeven::detail
