// Prices of the providers that serve open or partner models, USD per million
// tokens, standard (on-demand) tier. Model names are the ids each API takes.
#include "providers/pricing/embedded_prices.h"

namespace literllm {
namespace {

constexpr double kSame = kSameAsInput;
constexpr char kGroq[] = "https://groq.com/pricing";
constexpr char kMistral[] = "https://mistral.ai/pricing";
constexpr char kDeepSeek[] =
    "https://api-docs.deepseek.com/quick_start/pricing";
constexpr char kTogether[] = "https://www.together.ai/pricing";
constexpr char kFireworks[] = "https://fireworks.ai/pricing";
constexpr char kXai[] = "https://docs.x.ai/developers/pricing";
constexpr char kPerplexity[] =
    "https://docs.perplexity.ai/getting-started/pricing";
constexpr char kCerebras[] = "https://www.cerebras.ai/pricing";

// provider, model, input, output, cached input, cache write, as of, source.
constexpr EmbeddedPriceRow kRows[] = {
    {"groq", "openai/gpt-oss-120b", 0.15, 0.60, 0.075, kSame, "2026-06-04",
     kGroq},
    {"groq", "openai/gpt-oss-20b", 0.075, 0.30, 0.0375, kSame, "2026-05-27",
     kGroq},
    {"groq", "qwen/qwen3.8-27b", 0.80, 4.00, 0.40, kSame, "2026-08-29", kGroq},
    {"groq", "moonshotai/kimi-k2-instruct", 1.00, 3.00, kSame, kSame,
     "2025-07-14", kGroq},
    {"groq", "llama-3.3-70b-versatile", 0.59, 0.79, kSame, kSame, "2026-09-26",
     kGroq},
    {"groq", "llama-3.1-8b-instant", 0.05, 0.08, kSame, kSame, "2026-09-26",
     kGroq},

    // Mistral returns dated ids (mistral-large-2512); they resolve to these
    // family rows, which carry the current version's price. Large 4 is the
    // public-preview price (half the announced list price).
    {"mistral", "mistral-large-4", 0.68, 2.09, 0.07, kSame, "2026-10-06",
     kMistral},
    {"mistral", "mistral-large", 0.50, 1.50, kSame, kSame, "2025-12-02",
     kMistral},
    {"mistral", "mistral-medium", 1.50, 7.50, kSame, kSame, "2026-08-27",
     kMistral},
    {"mistral", "mistral-small", 0.10, 0.30, kSame, kSame, "2025-06-20",
     kMistral},
    {"mistral", "codestral", 0.30, 0.90, kSame, kSame, "2025-07-30", kMistral},
    {"mistral", "magistral-medium", 2.00, 5.00, kSame, kSame, "2025-03-20",
     kMistral},

    // DeepSeek bills V4 models by time of day; these are the peak (list)
    // rates, and off-peak hours cost half. Cached input is the cache-hit
    // price. deepseek-v4-flash is retired and served by deepseek-flash.
    {"deepseek", "deepseek-flash", 0.30, 1.20, 0.006, kSame, "2026-09-10",
     kDeepSeek},
    {"deepseek", "deepseek-v4-flash", 0.30, 1.20, 0.006, kSame, "2026-09-10",
     kDeepSeek},
    {"deepseek", "deepseek-v4-pro", 1.32, 3.96, 0.044, kSame, "2026-08-17",
     kDeepSeek},
    {"deepseek", "deepseek-chat", 0.28, 0.42, 0.028, kSame, "2026-02-11",
     kDeepSeek},
    {"deepseek", "deepseek-reasoner", 0.28, 0.42, 0.028, kSame, "2026-02-11",
     kDeepSeek},

    {"together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", 0.88, 0.88, kSame,
     kSame, "2024-12-06", kTogether},
    {"together", "deepseek-ai/DeepSeek-V4-Pro", 2.10, 4.40, 0.20, kSame,
     "2026-04-24", kTogether},
    {"together", "moonshotai/Kimi-K2.6", 1.20, 4.50, 0.20, kSame, "2026-04-21",
     kTogether},
    {"together", "zai-org/GLM-5.2", 1.40, 4.40, 0.26, kSame, "2026-06-16",
     kTogether},

    {"fireworks", "accounts/fireworks/models/gpt-oss-120b", 0.15, 0.60, 0.01,
     kSame, "2025-08-05", kFireworks},
    {"fireworks", "accounts/fireworks/models/gpt-oss-20b", 0.05, 0.20, kSame,
     kSame, "2025-08-05", kFireworks},
    {"fireworks", "accounts/fireworks/models/kimi-k2p6", 0.95, 4.00, 0.16,
     kSame, "2026-04-17", kFireworks},
    {"fireworks", "accounts/fireworks/models/deepseek-v4-pro", 1.74, 3.48, 0.15,
     kSame, "2026-04-24", kFireworks},

    // xAI: the <=200K-context tier where the page has two.
    {"xai", "grok-4.5", 2.00, 6.00, 0.50, kSame, "2026-06-29", kXai},
    {"xai", "grok-4", 3.00, 15.00, 0.75, kSame, "2025-07-09", kXai},
    {"xai", "grok-4-1-fast-reasoning", 0.20, 0.50, 0.05, kSame, "2025-11-19",
     kXai},
    {"xai", "grok-4-1-fast-non-reasoning", 0.20, 0.50, 0.05, kSame,
     "2025-11-19", kXai},
    {"xai", "grok-code-fast-1", 0.20, 1.50, 0.02, kSame, "2025-08-28", kXai},

    // Perplexity also charges per request for web search (by search context
    // size); only the token prices are here.
    {"perplexity", "sonar", 1.00, 1.00, kSame, kSame, "2025-09-01",
     kPerplexity},
    {"perplexity", "sonar-pro", 3.00, 15.00, kSame, kSame, "2025-09-01",
     kPerplexity},
    {"perplexity", "sonar-reasoning-pro", 2.00, 8.00, kSame, kSame,
     "2025-09-01", kPerplexity},
    {"perplexity", "sonar-deep-research", 2.00, 8.00, kSame, kSame,
     "2025-09-01", kPerplexity},

    {"cerebras", "gpt-oss-120b", 0.35, 0.75, kSame, kSame, "2026-06-12",
     kCerebras},
    {"cerebras", "qwen-3.8-27b", 0.99, 1.49, kSame, kSame, "2026-09-03",
     kCerebras},
};

}  // namespace

absl::Span<const EmbeddedPriceRow> HostPriceRows() { return kRows; }

}  // namespace literllm
