// Status and Result<T>: how every library function reports failure.
// Part of newsgraph::base; used by all modules. Follows serd's SerdStatus:
// "no" (an empty result) is not an error; errors carry a code, a message and
// where they happened.
#pragma once

#include <cassert>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace newsgraph {

enum class Code {
  Ok,
  BadInput,    ///< Input text or data that cannot be read (bad UTF-8, bad JSON).
  BadSyntax,   ///< A rule file or data file with a syntax error.
  BadArgument, ///< A caller passed something meaningless.
  IoError,     ///< Reading or writing a file failed.
  Internal,    ///< A library below us (serd, sord, ICU) failed.
};

/// A place in a file: 1-based line and column; 0 means unknown.
struct SourcePos {
  std::string file;
  std::size_t line = 0;
  std::size_t col = 0;

  /// "file:line:col", "file:line" or "file", as much as is known.
  [[nodiscard]] std::string str() const {
    std::string s = file;
    if (line) s += ":" + std::to_string(line);
    if (line && col) s += ":" + std::to_string(col);
    return s;
  }
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::optional<SourcePos> pos = std::nullopt)
      : code_(code), message_(std::move(message)), pos_(std::move(pos)) {}

  static Status ok() { return {}; }

  [[nodiscard]] bool is_ok() const { return code_ == Code::Ok; }
  explicit operator bool() const { return is_ok(); }
  [[nodiscard]] Code code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] const std::optional<SourcePos>& pos() const { return pos_; }

  /// "file:line:col: message", the form every diagnostic is printed in.
  [[nodiscard]] std::string str() const {
    if (pos_ && !pos_->file.empty()) return pos_->str() + ": " + message_;
    return message_;
  }

 private:
  Code code_ = Code::Ok;
  std::string message_;
  std::optional<SourcePos> pos_;
};

/// A value or the Status saying why there is none (std::expected is not in GCC 12).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).is_ok()); }

  [[nodiscard]] bool is_ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return is_ok(); }
  [[nodiscard]] const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace newsgraph
