// Dates: calendar arithmetic, absolute dates in header lines, and resolving
// relative expressions ("on Friday", "November 13") against the article's
// date. Part of newsgraph::extract.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsgraph::extract {

struct Date {
  int year = 0;
  int month = 0;  ///< 1-12
  int day = 0;    ///< 1-31

  /// "YYYY-MM-DD".
  [[nodiscard]] std::string iso() const;
  /// Days since 1970-01-01 (negative before).
  [[nodiscard]] long days() const;
  static Date from_days(long days);
  /// 0 = Monday ... 6 = Sunday.
  [[nodiscard]] int weekday() const;
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// A date as written in a sentence, before resolution.
struct DateExpr {
  enum class Kind { Absolute, MonthDay, Weekday, Month, Year, Today, Yesterday, Tomorrow, Vague };
  Kind kind = Kind::Vague;
  int year = 0, month = 0, day = 0;
  int weekday = -1;  ///< 0 = Monday
  std::string text;  ///< As written.
  int end_day = 0;   ///< Last day of a range in the same month ("November 13-15"), else 0.
  int year_offset = 0;  ///< Year with year == 0: "last year" is -1, "this year" 0, "next year" 1.

  [[nodiscard]] std::string dump() const;
};

/// Parses "YYYY-MM-DD" (only that form), checking the calendar.
std::optional<Date> parse_iso_date(std::string_view text);

/// A valid calendar date or nothing.
std::optional<Date> make_date(int year, int month, int day);

/// Finds the first full date (year, month and day) written in a line of text:
/// "2024-06-29", "June 29, 2024", "Thursday, November 14, 2024",
/// "14 Nov 2024", "Published: 14 Nov 2024 • 13:00".
std::optional<Date> find_date_in_line(std::string_view line);

/// 1-12 for an English month name or abbreviation ("Nov", "Nov.", "november"), else 0.
int month_number(std::string_view word);
/// 0-6 for an English weekday name or abbreviation, else -1.
int weekday_number(std::string_view word);

/// Resolves `expr` against the publication date, the way the gold data does:
/// a weekday is the most recent such day on or before `published` (the next
/// one when `future`), a day and month take its year. Vague expressions, and
/// any expression when `published` is unknown, give nothing: never a guess.
std::optional<Date> resolve_date(const DateExpr& expr, const std::optional<Date>& published,
                                 bool future = false);

/// The last day of a range ("November 13-15" -> November 15), resolved like
/// resolve_date; nothing when `expr` is not a range.
std::optional<Date> resolve_date_end(const DateExpr& expr, const std::optional<Date>& published);

/// A month or a year ("in June", "last year", "since 2009") resolved against
/// the publication date: "2024-06" or "2023"; empty when `expr` names a day
/// (see resolve_date) or cannot be resolved.
std::string resolve_period(const DateExpr& expr, const std::optional<Date>& published);

/// Whether resolving `expr` needs the publication date (a weekday, "November 13")
/// rather than the text alone ("November 13, 2024").
bool is_relative(const DateExpr& expr);

}  // namespace newsgraph::extract
