#ifndef LITERLLM_PROVIDERS_JSON_JSON_READER_H_
#define LITERLLM_PROVIDERS_JSON_JSON_READER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "simdjson.h"

namespace literllm {

// Parses `json` with this thread's simdjson parser (the input is copied into
// the parser's padded buffer, so any string_view is fine). INVALID_ARGUMENT
// with simdjson's reason when it is not one valid JSON document.
//
// The element points into the thread's parser: it stays valid only until the
// next ParseJson call on the same thread. Convert what you need first.
absl::StatusOr<simdjson::dom::element> ParseJson(absl::string_view json);

// Parses a provider's answer and reads it into a T with
// `read(simdjson::dom::element, T&) -> absl::Status`. INTERNAL
// "<provider>: could not parse <what>: <why>" when either step fails, as an
// answer a codec cannot understand is the provider's fault, not the caller's.
template <typename T, typename Read>
absl::StatusOr<T> ParseJsonBody(absl::string_view provider,
                                absl::string_view what, absl::string_view body,
                                Read read) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(body);
  T out{};
  absl::Status status = root.ok() ? read(*root, out) : root.status();
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat(provider, ": could not parse ",
                                            what, ": ", status.message()));
  }
  return out;
}

// The protobuf form of any JSON element. Numbers become doubles, as
// google.protobuf.Value has no integer kind.
google::protobuf::Value ElementToValue(simdjson::dom::element element);

// As ElementToValue for an object; INVALID_ARGUMENT for anything else.
absl::StatusOr<google::protobuf::Struct> ElementToStruct(
    simdjson::dom::element element);

// Typed access to the members of one JSON object, tolerant of what providers
// leave out: an absent member and a null one both read as std::nullopt. A
// member of the wrong type also reads as std::nullopt and records an error,
// so a codec reads every member it wants and checks status() once.
// Cheap to construct; must not outlive the parsed document.
class JsonObjectReader {
 public:
  // Records an error when `element` is not an object.
  explicit JsonObjectReader(simdjson::dom::element element);

  std::optional<absl::string_view> String(absl::string_view key);
  // Accepts integral numbers, also when written as doubles (e.g. 12.0).
  std::optional<int64_t> Int64(absl::string_view key);
  std::optional<double> Double(absl::string_view key);
  std::optional<bool> Bool(absl::string_view key);
  // A member that must be an object; pass it to a nested reader.
  std::optional<simdjson::dom::element> Object(absl::string_view key);
  std::optional<simdjson::dom::array> Array(absl::string_view key);
  // Any non-null member, whatever its type.
  std::optional<simdjson::dom::element> Find(absl::string_view key) const;

  // Records `nested` (e.g. a nested reader's status) unless an error is
  // already recorded, so one status() carries a whole tree's first error.
  void Update(const absl::Status& nested) { status_.Update(nested); }

  // OK, or the first mismatch, e.g. `member "index": expected integer`.
  const absl::Status& status() const { return status_; }

 private:
  // The member as a T (a type simdjson's element::get knows), or nullopt,
  // recording a mismatch when it has another type.
  template <typename T>
  std::optional<T> Get(absl::string_view key, absl::string_view expected);
  void Mismatch(absl::string_view key, absl::string_view expected);

  simdjson::dom::object object_;
  bool is_object_ = false;
  absl::Status status_;
};

// Reads every element of the array member `key` of `object` with
// `read(simdjson::dom::element, T&) -> absl::Status`, appending to `out`.
// INVALID_ARGUMENT when `key` is missing or not an array (e.g. a model list
// without "data").
template <typename T, typename Read>
absl::Status ReadEach(simdjson::dom::element object, absl::string_view key,
                      std::vector<T>& out, Read read) {
  JsonObjectReader reader(object);
  std::optional<simdjson::dom::array> items = reader.Array(key);
  if (!items) {
    reader.Update(
        absl::InvalidArgumentError(absl::StrCat("no \"", key, "\" array")));
    return reader.status();
  }
  for (simdjson::dom::element item : *items) {
    reader.Update(read(item, out.emplace_back()));
  }
  return reader.status();
}

// The same for a bare `array`.
template <typename T, typename Read>
absl::Status ReadEach(simdjson::dom::array items, std::vector<T>& out,
                      Read read) {
  absl::Status status;
  for (simdjson::dom::element item : items) {
    status.Update(read(item, out.emplace_back()));
  }
  return status;
}

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_JSON_JSON_READER_H_
