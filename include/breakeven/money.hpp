#pragma once

#include <fmt/format.h>

#include <cmath>
#include <string>

namespace breakeven {

/// A dollar amount on its way to a person. Computation keeps full precision in `double`;
/// rounding to cents happens only here, when it is printed.
struct Money {
  double amount = 0;
};

/// A unit price, printed with all the significant digits a rate table gives it.
struct UnitPrice {
  double amount = 0;
};

} // namespace breakeven

/// `$1,234.56`; negative amounts as `-$1.00`.
template <>
struct fmt::formatter<breakeven::Money> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const breakeven::Money& money, FormatContext& ctx) const {
    double cents = std::round(std::fabs(money.amount) * 100.0);
    bool negative = money.amount < 0 && cents > 0;
    std::string whole = fmt::format("{:.0f}", std::floor(cents / 100.0));
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i > 0 && (whole.size() - i) % 3 == 0) {
        grouped += ',';
      }
      grouped += whole[i];
    }
    std::string text = fmt::format("{}${}.{:02.0f}", negative ? "-" : "", grouped, std::fmod(cents, 100.0));
    return fmt::formatter<std::string_view>::format(text, ctx);
  }
};

/// `$0.0000166667`, `$0.20`: up to 10 significant digits, trailing zeros dropped, at least cents.
template <>
struct fmt::formatter<breakeven::UnitPrice> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const breakeven::UnitPrice& price, FormatContext& ctx) const {
    std::string text = fmt::format("{:.10f}", price.amount);
    while (text.back() == '0' && text.size() > text.find('.') + 3) {
      text.pop_back();
    }
    if (price.amount != 0 && std::fabs(price.amount) < 1e-10) {
      text = fmt::format("{:.3e}", price.amount);
    }
    return fmt::formatter<std::string_view>::format("$" + text, ctx);
  }
};
