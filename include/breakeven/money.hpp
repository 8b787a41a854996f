#pragma once

#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <string_view>

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

namespace breakeven::detail {

/// What money prints when the amount is not a number: a model that produced infinity or NaN
/// has gone wrong upstream, and "$inf.-nan" would hide it in a plausible-looking column.
inline constexpr std::string_view k_not_a_price = "n/a";

} // namespace breakeven::detail

/// `$1,234.56`; negative amounts as `-$1.00`; `n/a` for infinity or NaN.
template <>
struct fmt::formatter<breakeven::Money> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const breakeven::Money& money, FormatContext& ctx) const {
    if (!std::isfinite(money.amount)) {
      return fmt::formatter<std::string_view>::format(breakeven::detail::k_not_a_price, ctx);
    }
    double cents = std::round(std::fabs(money.amount) * 100.0);
    std::string whole; // the dollars, not yet grouped
    unsigned fraction = 0;
    if (cents < 9007199254740992.0) {
      // Whole cents below 2^53 are exact in a double: integer arithmetic, no float formatting
      // (a long curve prints millions of these).
      auto exact = static_cast<unsigned long long>(cents);
      whole = fmt::format_int(exact / 100).str();
      fraction = static_cast<unsigned>(exact % 100);
    } else {
      // From 2^53 cents (about 90 trillion dollars) a double holds no cents, and beyond about
      // 10^306 dollars `cents` overflows: whole dollars are all there is.
      whole = fmt::format("{:.0f}", std::fabs(money.amount));
    }
    std::string text = money.amount < 0 && cents > 0 ? "-$" : "$";
    text += breakeven::group_digits(whole);
    text += '.';
    text += static_cast<char>('0' + fraction / 10);
    text += static_cast<char>('0' + fraction % 10);
    return fmt::formatter<std::string_view>::format(text, ctx);
  }
};

/// `$0.0000166667`, `$0.20`: up to 10 significant digits, trailing zeros dropped, at least cents;
/// `n/a` for infinity or NaN.
template <>
struct fmt::formatter<breakeven::UnitPrice> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const breakeven::UnitPrice& price, FormatContext& ctx) const {
    if (!std::isfinite(price.amount)) {
      return fmt::formatter<std::string_view>::format(breakeven::detail::k_not_a_price, ctx);
    }
    double amount = price.amount == 0 ? 0.0 : price.amount; // -0 prints as $0.00
    std::string text = fmt::format("{:.10f}", amount);
    while (text.back() == '0' && text.size() > text.find('.') + 3) {
      text.pop_back();
    }
    if (amount != 0 && std::fabs(amount) < 1e-10) {
      text = fmt::format("{:.3e}", amount);
    }
    return fmt::formatter<std::string_view>::format("$" + text, ctx);
  }
};
