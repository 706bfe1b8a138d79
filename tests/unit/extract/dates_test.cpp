// Tests of date parsing and resolution.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

#include "extract/dates.hpp"

using namespace newsgraph::extract;

TEST_CASE("calendar arithmetic", "[extract]") {
  CHECK(Date{1970, 1, 1}.days() == 0);
  CHECK(Date::from_days(Date{2024, 2, 29}.days()).iso() == "2024-02-29");
  CHECK(Date{2024, 6, 29}.weekday() == 5);  // Saturday
  CHECK_FALSE(make_date(2023, 2, 29));
  CHECK(parse_iso_date("2024-06-29")->iso() == "2024-06-29");
  CHECK_FALSE(parse_iso_date("2024-13-01"));
  CHECK_FALSE(parse_iso_date("unknown"));
}

TEST_CASE("full dates are found in header-like lines", "[extract]") {
  const std::vector<std::pair<std::string, std::string>> rows{
      {"Thursday, November 14, 2024", "2024-11-14"},
      {"Published: 14 Nov 2024 • 13:00", "2024-11-14"},
      {"date 2024-06-29", "2024-06-29"},
      {"Updated June 5, 2024 at 10:00", "2024-06-05"},
      {"Sept. 9, 2023", "2023-09-09"},
  };
  for (const auto& [line, iso] : rows) {
    INFO(line);
    auto d = find_date_in_line(line);
    REQUIRE(d);
    CHECK(d->iso() == iso);
  }
  CHECK_FALSE(find_date_in_line("BEIJING, June 29 (Xinhua) --"));
  CHECK_FALSE(find_date_in_line("2024 1 99999999999 and 2024-06-99999999999"));  // no overflow (fuzzing)
  CHECK_FALSE(find_date_in_line("5.5 C"));
}

TEST_CASE("relative dates resolve against the publication date", "[extract]") {
  const Date saturday{2024, 6, 29};
  DateExpr friday{DateExpr::Kind::Weekday, 0, 0, 0, 4, "Friday"};
  CHECK(resolve_date(friday, saturday)->iso() == "2024-06-28");
  DateExpr sat{DateExpr::Kind::Weekday, 0, 0, 0, 5, "Saturday"};
  CHECK(resolve_date(sat, saturday)->iso() == "2024-06-29");  // on or before
  DateExpr wed{DateExpr::Kind::Weekday, 0, 0, 0, 2, "Wednesday"};
  CHECK(resolve_date(wed, saturday, true)->iso() == "2024-07-03");  // planned: the coming one
  DateExpr nov8{DateExpr::Kind::MonthDay, 0, 11, 8, -1, "November 8"};
  CHECK(resolve_date(nov8, saturday)->iso() == "2024-11-08");
  DateExpr yesterday{DateExpr::Kind::Yesterday, 0, 0, 0, -1, "yesterday"};
  CHECK(resolve_date(yesterday, saturday)->iso() == "2024-06-28");
  DateExpr june{DateExpr::Kind::Month, 0, 6, 0, -1, "June"};
  CHECK_FALSE(resolve_date(june, saturday));
  // No publication date: no resolved date, never a guess.
  CHECK_FALSE(resolve_date(friday, std::nullopt));
  DateExpr full{DateExpr::Kind::Absolute, 2024, 11, 14, -1, "November 14, 2024"};
  CHECK(resolve_date(full, std::nullopt)->iso() == "2024-11-14");
}

TEST_CASE("months and years: relative ones resolve against the publication year", "[extract]") {
  const std::optional<Date> published = Date{2024, 3, 12};
  using K = DateExpr::Kind;
  DateExpr last_year{K::Year, 0, 0, 0, -1, "last year", 0, -1};
  DateExpr this_year{K::Year, 0, 0, 0, -1, "this year", 0, 0};
  DateExpr since{K::Year, 2009, 0, 0, -1, "2009"};
  DateExpr june{K::Month, 0, 6, 0, -1, "June"};
  DateExpr june_2019{K::Month, 2019, 6, 0, -1, "June 2019"};
  CHECK(resolve_period(last_year, published) == "2023");
  CHECK(resolve_period(this_year, published) == "2024");
  CHECK(resolve_period(since, published) == "2009");
  CHECK(resolve_period(june, published) == "2024-06");
  CHECK(resolve_period(june_2019, std::nullopt) == "2019-06");
  CHECK(resolve_period(last_year, std::nullopt).empty());  // no article date: no guess
  CHECK(is_relative(last_year));
  CHECK(is_relative(june));
  CHECK_FALSE(is_relative(since));
  CHECK_FALSE(is_relative(june_2019));
  DateExpr range{K::MonthDay, 0, 11, 13, -1, "November 13-15", 15};
  CHECK(resolve_date_end(range, published) == Date{2024, 11, 15});
  CHECK_FALSE(resolve_date_end(since, published));
}

TEST_CASE("Date::iso writes what snprintf(\"%04d-%02d-%02d\") writes", "[extract]") {
  auto reference = [](const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return std::string(buf);
  };
  // Every day of years around the edges of four digits, and fields out of range.
  for (const int y : {0, 1, 9, 10, 99, 100, 999, 1000, 1969, 2024, 9999, 10000, 123456, -1, -2024}) {
    for (int m = -2; m <= 101; ++m) {
      for (const int d : {-10, -1, 0, 1, 9, 10, 29, 31, 99, 100, 1000}) {
        const Date date{y, m, d};
        INFO(y << " " << m << " " << d);
        REQUIRE(date.iso() == reference(date));
      }
    }
  }
  std::uint32_t seed = 7;
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 1664525u + 1013904223u;
    const Date date{static_cast<int>(seed % 12000) - 500, static_cast<int>((seed >> 8) % 120) - 5,
                    static_cast<int>((seed >> 16) % 120) - 5};
    REQUIRE(date.iso() == reference(date));
  }
  const Date huge{2147483647, -2147483647 - 1, 2147483647};
  CHECK(huge.iso() == reference(huge));
}
