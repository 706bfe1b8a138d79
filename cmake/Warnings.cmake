# The one place warnings are set: an INTERFACE target every module links PRIVATE.
add_library(newsgraph_warnings INTERFACE)
target_compile_options(newsgraph_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wold-style-cast
  # GCC 12 warns -Wrestrict inside std::string's operator+ at -O2, a known
  # false positive (GCC bug 105329); it is not about our code.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<BOOL:${NEWSGRAPH_WERROR}>:-Werror>)
