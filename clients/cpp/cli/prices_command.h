#ifndef LITERLLM_CLIENTS_CPP_CLI_PRICES_COMMAND_H_
#define LITERLLM_CLIENTS_CPP_CLI_PRICES_COMMAND_H_

#include <string>

#include "clients/cpp/cli/cli_options.h"
#include "providers/pricing/model_price.h"

namespace literllm {

// Exit status of `literllm prices FILTER` when no row matches FILTER.
inline constexpr int kExitNoPrice = 1;

// `literllm prices [FILTER]`: prints the price table built into literllm, in
// USD per million tokens, keeping the rows whose provider/model contains
// FILTER in any case. Aligned text columns, or with --json one JSON object per
// row and line. Needs no gateway. Returns the exit status.
int RunPrices(const CliOptions& cli);

// One row as a JSON object on one line; cache prices only when set.
std::string PriceJson(const ModelPrice& price);

}  // namespace literllm

#endif  // LITERLLM_CLIENTS_CPP_CLI_PRICES_COMMAND_H_
