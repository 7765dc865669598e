// Boost.JSON's basic_parser drives a handler that builds JsonNode trees. The text is fed one line
// at a time, so each event knows its line; the column is found from where the event's text sits
// in the current line (strings and numbers) or from the bytes consumed so far (syntax errors).

#include "json_document.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>

namespace totalis::io::detail {

std::string_view JsonNode::type_name() const noexcept {
  switch (type) {
    case Type::object: return "an object";
    case Type::array: return "an array";
    case Type::string: return "a string";
    case Type::number: return "a number";
    case Type::boolean: return "a boolean";
    case Type::null: return "null";
  }
  return "a value";
}

namespace {

using boost::json::error_code;
using boost::json::string_view;

class TreeBuilder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  /// Where the parser is: set by the feeding loop before each chunk.
  std::size_t line = 1;
  std::size_t chunk_start_column = 1;   // column of the chunk's first byte
  const char* chunk = nullptr;
  std::size_t chunk_size = 0;

  std::optional<JsonNode> root;
  std::optional<JsonError> duplicate;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return open(JsonNode::Type::object); }
  bool on_object_end(std::size_t, error_code&) { return close(); }
  bool on_array_begin(error_code&) { return open(JsonNode::Type::array); }
  bool on_array_end(std::size_t, error_code&) { return close(); }

  bool on_key_part(string_view s, std::size_t, error_code&) {
    if (key_.empty()) key_position_ = position_of(s);
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t n, error_code& ec) {
    on_key_part(s, n, ec);
    JsonNode& object = *stack_.back();
    if (std::find(object.keys.begin(), object.keys.end(), key_) != object.keys.end()) {
      if (!duplicate)
        duplicate = JsonError{key_position_.first, key_position_.second - 1, "duplicate key '" + key_ + "'"};
      ec = boost::json::error::syntax;   // stop: the document is ambiguous
      return false;
    }
    pending_key_ = std::move(key_);
    pending_key_position_ = key_position_;
    if (pending_key_position_.second > 1) --pending_key_position_.second;   // the opening quote
    key_.clear();
    return true;
  }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    if (!partial_) partial_position_ = position_of(s), partial_ = true;
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_string(string_view s, std::size_t n, error_code& ec) {
    on_string_part(s, n, ec);
    return scalar(JsonNode::Type::string);
  }
  bool on_number_part(string_view s, error_code& ec) { return on_string_part(s, 0, ec); }
  // Numbers keep their source text; the binary value Boost computes is never used.
  bool on_int64(std::int64_t, string_view s, error_code& ec) { return number(s, ec); }
  bool on_uint64(std::uint64_t, string_view s, error_code& ec) { return number(s, ec); }
  bool on_double(auto /*binary value, unused*/, string_view s, error_code& ec) { return number(s, ec); }
  bool on_bool(bool b, error_code&) {
    JsonNode node = of_type(JsonNode::Type::boolean);
    node.boolean = b;
    return place(std::move(node), here());
  }
  bool on_null(error_code&) { return place(of_type(JsonNode::Type::null), here()); }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

 private:
  using Position = std::pair<std::size_t, std::size_t>;

  static JsonNode of_type(JsonNode::Type type) {
    JsonNode node;
    node.type = type;
    return node;
  }

  /// The line and column of `s` when it points into the current chunk, else of the chunk's end.
  Position position_of(string_view s) const {
    if (s.data() >= chunk && s.data() <= chunk + chunk_size)
      return {line, chunk_start_column + static_cast<std::size_t>(s.data() - chunk)};
    return here();
  }
  Position here() const { return {line, chunk_start_column}; }

  bool number(string_view s, error_code& ec) {
    on_string_part(s, 0, ec);
    return scalar(JsonNode::Type::number);
  }
  bool scalar(JsonNode::Type type) {
    JsonNode node = of_type(type);
    node.text = std::move(text_);
    text_.clear();
    partial_ = false;
    Position at = partial_position_;
    if (type == JsonNode::Type::string && at.second > 1) --at.second;   // point at the opening quote
    return place(std::move(node), at);
  }
  bool open(JsonNode::Type type) {
    // The piece being parsed ends with this container's '{' or '['.
    if (!place(of_type(type), {line, chunk_start_column + chunk_size - 1})) return false;
    stack_.push_back(stack_.empty() ? &*root : &last_placed());
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  JsonNode& last_placed() { return stack_.back()->children.back(); }

  bool place(JsonNode node, Position at) {
    node.line = at.first;
    node.column = at.second;
    if (stack_.empty()) {
      root = std::move(node);
      return true;
    }
    JsonNode& parent = *stack_.back();
    if (parent.type == JsonNode::Type::object) {
      parent.keys.push_back(std::move(pending_key_));
      parent.key_positions.push_back(pending_key_position_);
    }
    parent.children.push_back(std::move(node));
    return true;
  }

  std::vector<JsonNode*> stack_;
  std::string key_, pending_key_, text_;
  Position key_position_{}, pending_key_position_{}, partial_position_{};
  bool partial_ = false;
};

/// What went wrong, shown with the byte the parser stopped at.
std::string describe(const error_code& ec, std::size_t max_depth, std::string_view rest) {
  if (ec == boost::json::error::too_deep)
    return "nesting deeper than " + std::to_string(max_depth) + " levels";
  if (!rest.empty() && static_cast<unsigned char>(rest[0]) >= 0x80) {
    static constexpr char hex[] = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(rest[0]);
    return std::string("invalid UTF-8: byte 0x") + hex[byte >> 4] + hex[byte & 15];
  }
  if (ec == boost::json::error::syntax || ec == boost::json::error::invalid_escape ||
      ec == boost::json::error::expected_hex_digit) {
    if (rest.empty()) return "syntax error at the end of the file";
    const char c = rest[0];
    if (c > 0x20 && c < 0x7f) return std::string("syntax error: unexpected '") + c + "'";
    return "syntax error: unexpected control character";
  }
  if (ec == boost::json::error::extra_data) return "unexpected text after the JSON value";
  if (ec == boost::json::error::incomplete) return "unexpected end of file";
  return ec.message();
}

}  // namespace

JsonParse parse_json(std::string_view text, const JsonLimits& limits) {
  JsonParse result;
  if (text.size() > limits.max_bytes) {
    result.error = JsonError{1, 1, "file is " + std::to_string(text.size()) + " bytes; at most " +
                                       std::to_string(limits.max_bytes) + " are accepted for one worker"};
    return result;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    result.error = JsonError{1, 1, "file is empty"};
    return result;
  }
  boost::json::parse_options options;
  options.max_depth = limits.max_depth;
  boost::json::basic_parser<TreeBuilder> parser(options);
  TreeBuilder& builder = parser.handler();

  // Feed pieces that end at each newline, '{' or '[': every event then knows its line, and a
  // container's opening bracket is the last byte of the piece it starts in.
  std::size_t offset = 0, column = 1;
  while (true) {
    const std::size_t end = std::min(text.find_first_of("\n{[", offset), text.size());
    const std::size_t stop = end == text.size() ? end : end + 1;
    builder.chunk = text.data() + offset;
    builder.chunk_size = stop - offset;
    builder.chunk_start_column = column;
    error_code ec;
    const bool more = stop < text.size();
    const std::size_t used = parser.write_some(more, builder.chunk, builder.chunk_size, ec);
    if (ec) {
      if (builder.duplicate)
        result.error = builder.duplicate;
      else
        result.error = JsonError{builder.line, column + used,
                                 describe(ec, limits.max_depth, text.substr(offset + used))};
      return result;
    }
    if (parser.done()) {   // the value is complete: only white space may follow it
      const std::size_t after = text.find_first_not_of(" \t\r\n", offset + used);
      if (after != std::string_view::npos) {
        std::size_t line = 1, col = 1;
        for (std::size_t k = 0; k < after; ++k) text[k] == '\n' ? (++line, col = 1) : ++col;
        result.error = JsonError{line, col, "unexpected text after the JSON value"};
        return result;
      }
      break;
    }
    if (!more) break;
    if (text[end] == '\n') {
      ++builder.line;
      column = 1;
    } else {
      column += stop - offset;
    }
    offset = stop;
  }
  result.root = std::move(builder.root);
  return result;
}

}  // namespace totalis::io::detail
