#include "service/http/request_fields.h"

#include "absl/strings/str_cat.h"

namespace literllm::request_fields {

std::string Path(absl::string_view parent, absl::string_view key) {
  return parent.empty() ? std::string(key) : absl::StrCat(parent, ".", key);
}

std::string Path(absl::string_view parent, size_t index) {
  return absl::StrCat(parent, "[", index, "]");
}

absl::Status Invalid(absl::string_view path, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

absl::Status Checked(const JsonObjectReader& reader, absl::string_view path) {
  if (reader.status().ok()) return absl::OkStatus();
  return path.empty() ? absl::InvalidArgumentError(reader.status().message())
                      : Invalid(path, reader.status().message());
}

}  // namespace literllm::request_fields
