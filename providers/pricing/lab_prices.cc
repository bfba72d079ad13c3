// Prices of the model labs' own APIs, USD per million tokens, standard tier.
// The rule for changes: one row per model family, with the page it was read
// from and the date it was read (see README.md).
#include "providers/pricing/embedded_prices.h"

namespace literllm {
namespace {

constexpr double kSame = kSameAsInput;
constexpr char kOpenAi[] = "https://developers.openai.com/api/docs/pricing";
constexpr char kAnthropic[] =
    "https://platform.claude.com/docs/en/about-claude/pricing";
constexpr char kGemini[] = "https://ai.google.dev/gemini-api/docs/pricing";

// provider, model, input, output, cached input, cache write, as of, source.
constexpr EmbeddedPriceRow kRows[] = {
    // OpenAI. Prompts over 272K tokens cost more on GPT-5.4 and later; these
    // are the base (short-context) rates. OpenAI bills cache writes only on
    // GPT-5.6 and later.
    {"openai", "gpt-6-astra", 10.00, 50.00, 1.00, kSame, "2026-09-07", kOpenAi},
    {"openai", "gpt-6-sol", 2.00, 10.00, 0.20, 2.50, "2026-09-22", kOpenAi},
    {"openai", "gpt-6-luna", 0.10, 0.50, 0.01, 0.125, "2026-09-22", kOpenAi},
    {"openai", "gpt-5.6-terra", 2.00, 12.00, 0.20, 2.50, "2026-08-01", kOpenAi},
    {"openai", "gpt-5.6-luna", 0.20, 1.20, 0.02, 0.25, "2026-08-01", kOpenAi},
    {"openai", "gpt-5.5", 5.00, 30.00, 0.50, kSame, "2026-06-04", kOpenAi},
    {"openai", "gpt-5.5-pro", 30.00, 180.00, kSame, kSame, "2026-06-04",
     kOpenAi},
    {"openai", "gpt-5.4", 2.50, 15.00, 0.25, kSame, "2026-06-04", kOpenAi},
    {"openai", "gpt-5.4-mini", 0.75, 4.50, 0.075, kSame, "2026-06-04", kOpenAi},
    {"openai", "gpt-5.4-nano", 0.20, 1.25, 0.02, kSame, "2026-06-04", kOpenAi},
    {"openai", "gpt-5.4-pro", 30.00, 180.00, kSame, kSame, "2026-06-04",
     kOpenAi},
    {"openai", "gpt-5.2", 1.75, 14.00, 0.175, kSame, "2025-12-11", kOpenAi},
    {"openai", "gpt-5.1", 1.25, 10.00, 0.125, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-5", 1.25, 10.00, 0.125, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-5-mini", 0.25, 2.00, 0.025, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-5-nano", 0.05, 0.40, 0.005, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-5-pro", 15.00, 120.00, kSame, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-5-codex", 1.25, 10.00, 0.125, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-5-chat-latest", 1.25, 10.00, 0.125, kSame, "2026-03-21",
     kOpenAi},
    {"openai", "gpt-4.1", 2.00, 8.00, 0.50, kSame, "2026-06-21", kOpenAi},
    {"openai", "gpt-4.1-mini", 0.40, 1.60, 0.10, kSame, "2026-06-21", kOpenAi},
    {"openai", "gpt-4.1-nano", 0.10, 0.40, 0.025, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-4o", 2.50, 10.00, 1.25, kSame, "2026-03-21", kOpenAi},
    {"openai", "gpt-4o-mini", 0.15, 0.60, 0.075, kSame, "2026-03-21", kOpenAi},
    {"openai", "o3", 2.00, 8.00, 0.50, kSame, "2026-03-21", kOpenAi},
    {"openai", "o3-pro", 20.00, 80.00, kSame, kSame, "2026-03-21", kOpenAi},
    {"openai", "o3-mini", 1.10, 4.40, 0.55, kSame, "2026-03-21", kOpenAi},
    {"openai", "o4-mini", 1.10, 4.40, 0.275, kSame, "2026-03-21", kOpenAi},
    {"openai", "o1", 15.00, 60.00, 7.50, kSame, "2026-03-21", kOpenAi},
    {"openai", "o1-pro", 150.00, 600.00, kSame, kSame, "2026-03-21", kOpenAi},

    // Anthropic. Cache write is the 5-minute write (1-hour writes cost 2x
    // input and are not told apart in usage). Haiku 5.5 is the <=100K-prompt
    // tier; Sonnet 4.5 and 4 are the <=200K tier.
    {"anthropic", "claude-opus-5", 5.00, 25.00, 0.50, 6.25, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-opus-4-8", 5.00, 25.00, 0.50, 6.25, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-opus-4-7", 5.00, 25.00, 0.50, 6.25, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-opus-4-6", 5.00, 25.00, 0.50, 6.25, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-opus-4-5", 5.00, 25.00, 0.50, 6.25, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-opus-4-1", 15.00, 75.00, 1.50, 18.75, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-opus-4", 15.00, 75.00, 1.50, 18.75, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-sonnet-5-5", 2.00, 10.00, 0.10, 2.50, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-sonnet-5", 2.00, 10.00, 0.20, 2.50, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-sonnet-4-6", 3.00, 15.00, 0.30, 3.75, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-sonnet-4-5", 3.00, 15.00, 0.30, 3.75, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-sonnet-4", 3.00, 15.00, 0.30, 3.75, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-3-7-sonnet", 3.00, 15.00, 0.30, 3.75, "2026-10-24",
     kAnthropic},
    // Retired on the Claude API; still answered by Vertex AI deployments.
    {"anthropic", "claude-3-5-sonnet", 3.00, 15.00, 0.30, 3.75, "2026-01-01",
     kAnthropic},
    {"anthropic", "claude-haiku-5-5", 0.10, 0.50, 0.01, 0.125, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-haiku-4-5", 1.00, 5.00, 0.10, 1.25, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-3-5-haiku", 0.80, 4.00, 0.08, 1.00, "2026-10-24",
     kAnthropic},
    {"anthropic", "claude-3-haiku", 0.25, 1.25, 0.03, 0.30, "2026-10-24",
     kAnthropic},

    // Google Gemini API, paid tier, text input. Pro models: the <=200K-prompt
    // tier (prompts over 200K tokens cost more). Gemini 3.8 Flash: the
    // introductory price, which Google lists until 2026-12-31. Cache reads
    // are left at the input price where the page did not show them.
    {"gemini", "gemini-3.8-flash", 0.75, 3.75, kSame, kSame, "2026-10-07",
     kGemini},
    {"gemini", "gemini-3.5-flash", 1.50, 9.00, kSame, kSame, "2026-10-07",
     kGemini},
    {"gemini", "gemini-3.5-flash-lite", 0.30, 2.50, kSame, kSame, "2026-10-07",
     kGemini},
    {"gemini", "gemini-3.1-pro-preview", 2.00, 12.00, kSame, kSame,
     "2026-10-07", kGemini},
    {"gemini", "gemini-3-pro-preview", 2.00, 12.00, 0.20, kSame, "2025-11-18",
     kGemini},
    {"gemini", "gemini-2.5-pro", 1.25, 10.00, 0.125, kSame, "2026-10-07",
     kGemini},
    {"gemini", "gemini-2.5-flash", 0.30, 2.50, 0.03, kSame, "2026-10-07",
     kGemini},
    {"gemini", "gemini-2.5-flash-lite", 0.10, 0.40, 0.01, kSame, "2026-10-07",
     kGemini},
    {"gemini", "gemini-2.0-flash", 0.10, 0.40, 0.025, kSame, "2026-09-26",
     kGemini},
};

}  // namespace

absl::Span<const EmbeddedPriceRow> LabPriceRows() { return kRows; }

}  // namespace literllm
