// Calendar arithmetic and date parsing/resolution. Part of newsgraph::extract.
#include "extract/dates.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace newsgraph::extract {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The value of a run of digits; runs longer than a year's four digits are
// never part of a date and give -1 (found by fuzzing: "2024-1-9999999999"
// overflowed an int).
int to_int(std::string_view s) {
  if (s.empty() || s.size() > 4) return -1;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Splits a line into words and numbers; other characters separate them.
// "14 Nov 2024 • 13:00" -> 14, Nov, 2024, 13, 00. A '.' ending a word is kept
// with it ("Nov.") since month_number accepts it.
std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (!std::isalnum(c)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && std::isalnum(static_cast<unsigned char>(line[j]))) ++j;
    out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::string Date::iso() const {
  // The digits written directly when each field fits its width, as it does
  // for every real date: snprintf took ~1.8 k instructions a call, and the
  // graph writes a date for most facts. Other values (a year past 9999, a
  // negative field) go to snprintf, which the unit test compares with.
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
    std::string out(10, '-');
    out[0] = static_cast<char>('0' + year / 1000);
    out[1] = static_cast<char>('0' + year / 100 % 10);
    out[2] = static_cast<char>('0' + year / 10 % 10);
    out[3] = static_cast<char>('0' + year % 10);
    out[5] = static_cast<char>('0' + month / 10);
    out[6] = static_cast<char>('0' + month % 10);
    out[8] = static_cast<char>('0' + day / 10);
    out[9] = static_cast<char>('0' + day % 10);
    return out;
  }
  char buf[16];  // (as before: longer texts of absurd fields are cut at 15)
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Howard Hinnant's days_from_civil.
long Date::days() const {
  const int y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const long w = (days() + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string DateExpr::dump() const {
  static constexpr std::array<const char*, 9> kKinds{
      "Absolute", "MonthDay", "Weekday", "Month", "Year", "Today", "Yesterday", "Tomorrow", "Vague"};
  return std::string("Date{") + kKinds[static_cast<std::size_t>(kind)] + " y=" +
         std::to_string(year) + " m=" + std::to_string(month) + " d=" + std::to_string(day) +
         " wd=" + std::to_string(weekday) + " \"" + text + "\"}";
}

std::optional<Date> make_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  return Date{year, month, day};
}

std::optional<Date> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (!all_digits(t.substr(0, 4)) || !all_digits(t.substr(5, 2)) || !all_digits(t.substr(8, 2))) {
    return std::nullopt;
  }
  return make_date(to_int(t.substr(0, 4)), to_int(t.substr(5, 2)), to_int(t.substr(8, 2)));
}

namespace {

// `word` lower-cased (ASCII) without a final '.', into `buf`; empty when it
// is longer than any month or weekday name ("september"), so that most
// words are turned away without a copy.
std::string_view calendar_word(std::string_view word, std::array<char, 10>& buf) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.size() < 3 || word.size() > buf.size()) return {};
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return {buf.data(), word.size()};
}

}  // namespace

int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december"};
  std::array<char, 10> buf;
  const auto w = calendar_word(word, buf);
  if (w.empty()) return 0;
  if (w == "sept") return 9;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    const std::string_view m = kMonths[i];
    if (w == m || (w.size() == 3 && m.substr(0, 3) == w)) return static_cast<int>(i) + 1;
  }
  return 0;
}

int weekday_number(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kDays{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  std::array<char, 10> buf;
  const auto w = calendar_word(word, buf);
  if (w.empty()) return -1;
  for (std::size_t i = 0; i < kDays.size(); ++i) {
    const std::string_view d = kDays[i];
    if (w == d || (w.size() == 3 && d.substr(0, 3) == w)) return static_cast<int>(i);
  }
  return -1;
}

std::optional<Date> find_date_in_line(std::string_view line) {
  const auto w = words(line);
  auto year_at = [&](std::size_t i) {
    return i < w.size() && w[i].size() == 4 && all_digits(w[i]) ? to_int(w[i]) : 0;
  };
  auto day_at = [&](std::size_t i) {
    if (i >= w.size() || w[i].size() > 2 || !all_digits(w[i])) return 0;
    return to_int(w[i]);
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    // 2024-06-29
    if (const int y = year_at(i); y && i + 2 < w.size() && all_digits(w[i + 1]) &&
                                  all_digits(w[i + 2]) && w[i + 1].size() <= 2) {
      if (auto d = make_date(y, to_int(w[i + 1]), to_int(w[i + 2]))) return d;
    }
    // June 29, 2024
    if (const int m = month_number(w[i]); m && w[i].size() >= 3) {
      if (const int d = day_at(i + 1); d) {
        if (auto date = make_date(year_at(i + 2), m, d)) return date;
      }
    }
    // 29 June 2024
    if (const int d = day_at(i); d && i + 2 < w.size()) {
      if (const int m = month_number(w[i + 1]); m && w[i + 1].size() >= 3) {
        if (auto date = make_date(year_at(i + 2), m, d)) return date;
      }
    }
  }
  return std::nullopt;
}

std::optional<Date> resolve_date(const DateExpr& e, const std::optional<Date>& published,
                                 bool future) {
  using K = DateExpr::Kind;
  if (e.kind == K::Absolute) return make_date(e.year, e.month, e.day);
  if (!published) return std::nullopt;
  switch (e.kind) {
    case K::MonthDay:
      return make_date(published->year, e.month, e.day);
    case K::Weekday: {
      const int today = published->weekday();
      int delta = future ? (e.weekday - today + 7) % 7 : -((today - e.weekday + 7) % 7);
      return Date::from_days(published->days() + delta);
    }
    case K::Today:
      return published;
    case K::Yesterday:
      return Date::from_days(published->days() - 1);
    case K::Tomorrow:
      return Date::from_days(published->days() + 1);
    default:
      return std::nullopt;
  }
}

std::optional<Date> resolve_date_end(const DateExpr& e, const std::optional<Date>& published) {
  if (!e.end_day) return std::nullopt;
  DateExpr last = e;
  last.day = e.end_day;
  const auto end = resolve_date(last, published);
  const auto begin = resolve_date(e, published);
  if (!end || !begin || *end < *begin) return std::nullopt;
  return end;
}

bool is_relative(const DateExpr& e) {
  using K = DateExpr::Kind;
  if (e.kind == K::Absolute) return false;
  if ((e.kind == K::Year || e.kind == K::Month) && e.year) return false;
  return true;
}

std::string resolve_period(const DateExpr& e, const std::optional<Date>& published) {
  using K = DateExpr::Kind;
  if (e.kind != K::Year && e.kind != K::Month) return {};
  const int year = e.year ? e.year : published ? published->year + (e.kind == K::Year ? e.year_offset : 0) : 0;
  if (!year) return {};
  char buf[16];
  if (e.kind == K::Year) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, e.month);
  }
  return buf;
}

}  // namespace newsgraph::extract
