#pragma once
// Where something came from inside a rule file: 1-based line and column, and the file's path,
// shared by every rule loaded from it (toml++'s source_position / source_region).
//
//   auto path = std::make_shared<const std::string>("agreements/schemes/US-OASDI.toml");
//   SourceRegion where{.begin = {31, 18}, .end = {31, 21}, .path = path};
//   to_string(where)                                   // "agreements/schemes/US-OASDI.toml:31:18"
//   advanced(SourcePosition{31, 10}, "min(a, b)")      // {31, 19}

#include <compare>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace totalis {

/// A line and column, both counted from 1 as editors and compilers do (json's `column 0` is
/// what we avoid). Columns count characters (UTF-8 code points), not bytes. {0, 0} is "unknown".
struct SourcePosition {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  /// True when the position is known.
  [[nodiscard]] constexpr explicit operator bool() const noexcept { return line != 0 && column != 0; }
  friend constexpr auto operator<=>(const SourcePosition&, const SourcePosition&) = default;
};

/// A stretch of a rule file: `begin` is the first character, `end` the position just after the
/// last one. The path is shared by every region of the same file; it may be null.
struct SourceRegion {
  SourcePosition begin;
  SourcePosition end;
  std::shared_ptr<const std::string> path{};
};

/// "31:18", or "?:?" when unknown.
[[nodiscard]] std::string to_string(SourcePosition position);
/// "path:31:18" (the region's begin); "31:18" when there is no path.
[[nodiscard]] std::string to_string(const SourceRegion& region);

/// The position just after `text` when `text` starts at `start`: a newline moves to column 1
/// of the next line, every other character (a UTF-8 code point) one column on.
[[nodiscard]] constexpr SourcePosition advanced(SourcePosition start, std::string_view text) noexcept;

// ------------------------------------------------------------------------------------------------
// Implementation

inline std::string to_string(SourcePosition position) {
  if (!position) return "?:?";
  return std::to_string(position.line) + ":" + std::to_string(position.column);
}

inline std::string to_string(const SourceRegion& region) {
  if (!region.path || region.path->empty()) return to_string(region.begin);
  return *region.path + ":" + to_string(region.begin);
}

constexpr SourcePosition advanced(SourcePosition start, std::string_view text) noexcept {
  SourcePosition at = start;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((byte & 0xC0U) != 0x80U) {   // a UTF-8 continuation byte is not a new character
      ++at.column;
    }
  }
  return at;
}

}  // namespace totalis
