// Cleaning: finds which parts of an article's text are the article and which
// are page furniture (navigation, comment forms, ad slots, link lists,
// sidebars of other headlines, bylines), and finds a missing title and
// publication date near the top. Part of newsgraph::extract.
#pragma once

#include <string>
#include <vector>

#include "extract/document.hpp"

namespace newsgraph::extract {

/// One line or joined paragraph of the text with the features the classifier uses.
struct Unit {
  std::uint32_t begin = 0, end = 0;  ///< Byte offsets into Article::text.
  std::size_t words = 0;
  double lower_ratio = 0;   ///< Share of words that start with a lower-case letter.
  double link_ratio = 0;    ///< Share of words that are URLs, domains or e-mail addresses.
  std::size_t separators = 0;  ///< '|', '•', '»', '·' and the like.
  bool terminal = false;    ///< Ends like a sentence (not with an ellipsis).
  bool repeated = false;    ///< The same text (digits ignored) occurs again in the article.
  bool content = false;
  std::string why;          ///< The classifier's reason, for --debug and tests.

  [[nodiscard]] std::string dump(const std::string& text) const;
};

/// Splits the text into units (wrapped lines are joined) and classifies each.
std::vector<Unit> classify_units(const std::string& text);

/// Cleans `article`: returns the content blocks, and sets the article's title
/// and date when it has none (the date only from the top of the text).
/// A leading "date YYYY-MM-DD" or a dateline ("LIMA, Nov 8 (Reuters) -") is
/// left out of the first block.
std::vector<Block> clean_article(Article& article);

}  // namespace newsgraph::extract
