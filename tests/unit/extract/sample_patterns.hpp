// Small patterns that use the pattern language's features together
// (mentions, words, classes, quantifiers, captures, ^), shared by the
// matcher's tests: find_match against match_at (pattern_test.cpp) and the
// matcher against a plain backtracker (matcher_test.cpp).
#pragma once

#include <string>
#include <vector>

namespace newsgraph::extract::testing {

inline const std::vector<std::string> kSmallPatterns{
    "@PERSON (met | said | and | ,)? (@PERSON | @CITY)",
    "p:@PERSON (met | held talks with) q:@PERSON (in c:@CITY | on Monday | , | and)*",
    "(On | In)? (Monday | Tuesday)? ,? p:(@PERSON | he) (also)? (met | said) (trade | Xi)?",
    "<quote> (<lower> | <cap> | ,){1,6} <quote> ,? p:@PERSON? said",
    "(<capword>)+ (of | the){0,2} c:(@COUNTRY | @CITY)",
    "a:(<cap> | <num> | <initial>){1,3} (, | and)? b:_{0,4} (@CITY | <upper>)",
    "^ _{0,5} said",
    "(the)? <lower>{2,} (with | to) (@PERSON | @COUNTRY)",
};

}  // namespace newsgraph::extract::testing
