#ifndef LITERLLM_SERVICE_CONFIG_CONFIG_H_
#define LITERLLM_SERVICE_CONFIG_CONFIG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace literllm {

// Where a setting was written, for messages that point at it.
struct ConfigLocation {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

// One entry under `providers:`. Keys are never in the file: `api_key_env`
// names the environment variable that holds the key.
struct ProviderSettings {
  std::string name;                 // "groq", "my-vllm"
  std::optional<std::string> type;  // a built-in provider's protocol
  std::optional<std::string> base_url;
  std::optional<std::string> api_key_env;
  std::optional<std::string> api_version;  // Azure
  std::vector<std::string> drop_params;    // OpenAI body members left out
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> models;  // listed by ListModels as they are
  ConfigLocation location;
};

// One entry under `aliases:`: a name and the `provider/model` strings it
// routes to. The first `deployments` targets serve the same model (balanced
// by `weights` and `balance`); the rest are fallbacks, tried in order.
struct AliasSettings {
  std::string name;
  std::vector<std::string> targets;
  size_t deployments = 1;
  std::vector<double> weights;              // one per deployment
  std::string balance = "least_in_flight";  // or "latency"
  // Tried instead when a prompt is too long for the model.
  std::optional<std::string> context_fallback;
  ConfigLocation location;
};

// The `circuit_breaker:` section: a deployment of an alias that fails
// `failures` times in a row rests for `cooldown`, then gets one probe call.
struct BreakerSettings {
  int failures = 3;
  absl::Duration cooldown = absl::Seconds(30);
};

struct ModelListingSettings {
  absl::Duration cache_ttl = absl::Minutes(10);
  absl::Duration timeout = absl::Seconds(5);
};

// The `retries:` section: how a failed upstream attempt is retried.
struct RetrySettings {
  int max_retries = 2;        // per model, after the first attempt
  int max_retries_limit = 5;  // the most a request may ask for
  absl::Duration initial_backoff = absl::Milliseconds(250);
  absl::Duration max_backoff = absl::Seconds(8);
  // Longest one attempt may wait for its answer; zero: only the call's
  // deadline bounds it.
  absl::Duration attempt_timeout = absl::ZeroDuration();
  absl::Duration max_attempt_timeout = absl::Minutes(10);  // for requests
};

// One entry under `prices:`, in USD per million tokens.
struct PriceSettings {
  std::string model;  // "provider/model"
  double input = 0;
  double output = 0;
  std::optional<double> cached_input;
  std::optional<double> cache_write;
  ConfigLocation location;
};

// One entry under `auth.keys:`: a caller key written in the file as its
// SHA-256 (`key_sha256`) or as the environment variable that holds it
// (`key_env`), never as the key itself, with the same policy fields as the
// admin API's KeyPolicy (checked when the gateway starts).
struct StaticKeySettings {
  std::string name;
  std::optional<std::string> key_sha256;
  std::optional<std::string> key_env;
  std::vector<std::string> models;
  int64_t rpm = 0;
  int64_t tpm = 0;
  double budget_usd = 0;
  std::string budget_period;
  int64_t expires_at_unix = 0;
  ConfigLocation location;
};

// The `auth:` section. The master key is in the environment variable
// `master_key_env` (default LITERLLM_MASTER_KEY).
struct AuthSettings {
  std::optional<std::string> master_key_env;
  std::vector<StaticKeySettings> keys;
  // The admin API (stored keys); unset: on whenever Redis is configured.
  std::optional<bool> admin_api;
  ConfigLocation location;
};

// The `redis:` section (or LITERLLM_REDIS_URL): the shared state of caller
// keys, rate limits and budgets.
struct RedisSettings {
  enum class OnFailure { kDeny, kAllow };
  std::optional<std::string> url;  // may hold a password: never echoed
  absl::Duration timeout = absl::Milliseconds(50);  // per command
  // Calls that end within this window share one usage write per key; zero:
  // each is written as soon as no write is in flight.
  absl::Duration usage_batch = absl::Milliseconds(5);
  OnFailure on_failure = OnFailure::kDeny;
  ConfigLocation location;
};

// The YAML config file (--config / LITERLLM_CONFIG), checked for shape; what
// needs the provider registry (known types, keys present, alias targets) is
// checked when the registry is built from it.
struct GatewayConfig {
  std::string file;
  std::vector<ProviderSettings> providers;
  std::vector<AliasSettings> aliases;
  ModelListingSettings model_listing;
  std::vector<PriceSettings> prices;
  RetrySettings retries;
  BreakerSettings circuit_breaker;
  AuthSettings auth;
  RedisSettings redis;
};

// Reads and checks `file`. Errors read "FILE:LINE:COLUMN: where: what", e.g.
// "gw.yaml:4:5: providers.groq.api_key: keys are not written in the config
// file; name the environment variable that holds it in api_key_env".
absl::StatusOr<GatewayConfig> LoadConfig(const std::string& file);

// The same for YAML text; `file` only names it in messages.
absl::StatusOr<GatewayConfig> ParseConfig(absl::string_view yaml,
                                          const std::string& file);

// "FILE:LINE:COLUMN: " for messages about a checked setting.
std::string Where(const ConfigLocation& location);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CONFIG_CONFIG_H_
