#ifndef LITERLLM_SERVICE_CONFIG_PROVIDER_SETUP_H_
#define LITERLLM_SERVICE_CONFIG_PROVIDER_SETUP_H_

#include "absl/status/statusor.h"
#include "providers/pricing/price_table.h"
#include "providers/registry.h"
#include "service/config/config.h"

namespace literllm {

// The providers and aliases to serve: every provider the environment
// configures, then the config file's providers (which add new ones or change
// built-in ones) and aliases. Errors name the config file, line and setting:
// an unknown type, a key variable that is not set, a drop_params entry that
// is not a request member, an alias to a provider that is not served.
absl::StatusOr<ProviderRegistry> BuildProviders(const GatewayConfig& config,
                                                const EnvLookup& env);

// The embedded price table with the config file's `prices:` added or
// replacing rows (for private or fine-tuned models).
PriceTable BuildPrices(const GatewayConfig& config);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_CONFIG_PROVIDER_SETUP_H_
