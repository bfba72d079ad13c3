#ifndef LITERLLM_SERVICE_LIMITS_USAGE_SCRIPTS_H_
#define LITERLLM_SERVICE_LIMITS_USAGE_SCRIPTS_H_

// The Lua scripts of the usage ledger (service/limits/usage_ledger.h), each
// run atomically by Redis on its own clock. Their KEYS and ARGV are written
// above each one in usage_scripts.cc.

#include <string>

namespace literllm {

// Admits up to n calls of one key: budget, tpm, then the rpm log.
std::string AdmitScript();
// Adds what ended calls of one key used: requests, tokens, spend.
std::string RecordScript();
// Reads a key's usage in its current period.
std::string UsageScript();

}  // namespace literllm

#endif  // LITERLLM_SERVICE_LIMITS_USAGE_SCRIPTS_H_
