#ifndef LITERLLM_SERVICE_HTTP_REQUEST_FIELDS_H_
#define LITERLLM_SERVICE_HTTP_REQUEST_FIELDS_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "providers/json/json_reader.h"

// How the HTTP fronts' request readers name the member at fault, so a
// caller reads "messages[2].content[0].type: ..." whatever the front.
namespace literllm::request_fields {

// "parent.key" ("key" at the top); "parent[index]".
std::string Path(absl::string_view parent, absl::string_view key);
std::string Path(absl::string_view parent, size_t index);

// INVALID_ARGUMENT "<path>: <problem>".
absl::Status Invalid(absl::string_view path, absl::string_view problem);

// The reader's first mismatch, placed at `path` (unplaced at the top).
absl::Status Checked(const JsonObjectReader& reader, absl::string_view path);

}  // namespace literllm::request_fields

#endif  // LITERLLM_SERVICE_HTTP_REQUEST_FIELDS_H_
