#pragma once

#include <breakeven/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

/// A whole number of cents, printed like Money: `Cents{47487}` is `$474.87`. For amounts that
/// have already been rounded (see apportion_cents), so that they print without rounding again.
struct Cents {
  long long amount = 0;
};

/// The most cents a double holds exactly (2^53): beyond it a double has no cents to round to.
inline constexpr double k_max_exact_cents = 9007199254740992.0;

/// Rounds amounts that add up to a total, such as line items, to whole cents that still add up
/// to the total as printed. The rule:
///   - the total is the exact sum of `amounts` (added in order), rounded to the cent half away
///     from zero, as Money prints it;
///   - each amount is rounded to the cent the same way; then, while the rounded amounts do not
///     add up to the total, the amounts with the largest rounding remainders in the direction
///     of the difference move by one cent each (largest-remainder apportionment; equal
///     remainders go to the earlier amount);
///   - so the cents add up exactly to the rounded total, and each is within one cent of its
///     amount (an amount is only moved against its own rounding, never twice).
/// Returns nothing when an amount or the total is not finite or not below 2^53 cents (about
/// 90 trillion dollars), where a double holds no cents: print each amount as it is then.
/// Example: `apportion_cents({{16.425, 0.8888}})` is `{1642, 89}` (their sum, $17.3138, is
/// $17.31; rounded on their own they would print $16.43 + $0.89 = $17.32).
std::optional<std::vector<long long>> apportion_cents(std::span<const double> amounts);

/// The total apportion_cents gives `amounts` (their exact sum, added in order, in cents rounded
/// half away from zero), or nothing where it gives nothing; for a figure that needs only the
/// total, without the apportioning. Example: `apportioned_total({{16.425, 0.8888}})` is `1731`.
std::optional<long long> apportioned_total(std::span<const double> amounts);

} // namespace breakeven

namespace breakeven::detail {

/// What money prints when the amount is not a number: a model that produced infinity or NaN
/// has gone wrong upstream, and "$inf.-nan" would hide it in a plausible-looking column.
inline constexpr std::string_view k_not_a_price = "n/a";

/// Appends `$1,234.56` (`-$` when `negative`) from the dollars (digits, not yet grouped) and
/// the cents of an amount: no allocation, for columns of millions of figures.
inline void append_dollars(fmt::memory_buffer& out, bool negative, std::string_view whole, unsigned fraction) {
  if (negative) {
    out.push_back('-');
  }
  out.push_back('$');
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) {
      out.push_back(',');
    }
    out.push_back(whole[i]);
  }
  out.push_back('.');
  out.push_back(static_cast<char>('0' + fraction / 10));
  out.push_back(static_cast<char>('0' + fraction % 10));
}

/// Appends what Money{amount} prints (see its formatter).
inline void append_money(fmt::memory_buffer& out, double amount) {
  if (!std::isfinite(amount)) {
    out.append(k_not_a_price);
    return;
  }
  double cents = std::round(std::fabs(amount) * 100.0);
  bool negative = amount < 0 && cents > 0;
  if (cents < breakeven::k_max_exact_cents) {
    // Whole cents below 2^53 are exact in a double: integer arithmetic, no float formatting
    // (a long curve prints millions of these).
    auto exact = static_cast<unsigned long long>(cents);
    fmt::format_int whole(exact / 100);
    append_dollars(out, negative, {whole.data(), whole.size()}, static_cast<unsigned>(exact % 100));
    return;
  }
  // From 2^53 cents (about 90 trillion dollars) a double holds no cents, and beyond about
  // 10^306 dollars `cents` overflows: whole dollars are all there is.
  append_dollars(out, negative, fmt::format("{:.0f}", std::fabs(amount)), 0);
}

} // namespace breakeven::detail

/// `$1,234.56`; negative amounts as `-$1.00`; `n/a` for infinity or NaN.
template <>
struct fmt::formatter<breakeven::Money> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const breakeven::Money& money, FormatContext& ctx) const {
    fmt::memory_buffer text;
    breakeven::detail::append_money(text, money.amount);
    return fmt::formatter<std::string_view>::format({text.data(), text.size()}, ctx);
  }
};

/// `$474.87` for `Cents{47487}`; negative amounts as `-$1.00`.
template <>
struct fmt::formatter<breakeven::Cents> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const breakeven::Cents& cents, FormatContext& ctx) const {
    // In unsigned arithmetic, so that the most negative long long has a magnitude too.
    unsigned long long magnitude = cents.amount < 0 ? 0ULL - static_cast<unsigned long long>(cents.amount)
                                                    : static_cast<unsigned long long>(cents.amount);
    fmt::format_int whole(magnitude / 100);
    fmt::memory_buffer text;
    breakeven::detail::append_dollars(text, cents.amount < 0, {whole.data(), whole.size()},
                                      static_cast<unsigned>(magnitude % 100));
    return fmt::formatter<std::string_view>::format({text.data(), text.size()}, ctx);
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
