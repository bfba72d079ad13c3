#ifndef LITERLLM_SERVICE_KEYS_KEY_MATERIAL_H_
#define LITERLLM_SERVICE_KEYS_KEY_MATERIAL_H_

#include <string>

#include "absl/strings/string_view.h"

namespace literllm {

// A new caller key: "lk-" and 256 random bits (base64url), from OpenSSL's
// CSPRNG.
std::string NewCallerKey();

// The SHA-256 of a key, as 64 lower-case hex digits: the only form in which
// keys are stored, configured or compared.
std::string KeyHash(absl::string_view key);

// Compares two hashes in time independent of where they differ.
bool SameKeyHash(absl::string_view a, absl::string_view b);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_KEYS_KEY_MATERIAL_H_
