#include "service/keys/key_material.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace literllm {

std::string NewCallerKey() {
  std::array<unsigned char, 32> random;
  // Without entropy there is no safe key to hand out.
  if (RAND_bytes(random.data(), random.size()) != 1) std::abort();
  return absl::StrCat(
      "lk-", absl::WebSafeBase64Escape(absl::string_view(
                 reinterpret_cast<const char*>(random.data()), random.size())));
}

std::string KeyHash(absl::string_view key) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest;
  SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(),
         digest.data());
  return absl::BytesToHexString(absl::string_view(
      reinterpret_cast<const char*>(digest.data()), digest.size()));
}

bool SameKeyHash(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace literllm
