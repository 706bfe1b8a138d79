// Tests of date parsing and resolution.
#include <catch2/catch.hpp>

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
