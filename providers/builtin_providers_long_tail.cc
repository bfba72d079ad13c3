// The long tail of OpenAI-compatible providers: one row each. Names, base
// URLs and key variables follow the provider registry of LiteLLM (the library
// this product follows) or the provider's own documentation; docs/providers.md
// lists them with their sources' quirks.
#include <vector>

#include "providers/builtin_provider_rows.h"

namespace literllm::provider_rows {

namespace {

// Inference clouds and model vendors with a fixed public endpoint.
std::vector<BuiltinProvider> Hosted() {
  return {
      Compatible("deepinfra", "https://api.deepinfra.com/v1/openai"),
      AlsoKeyFrom(
          Compatible("nvidia_nim", "https://integrate.api.nvidia.com/v1"),
          "NVIDIA_API_KEY"),
      Compatible("sambanova", "https://api.sambanova.ai/v1"),
      AlsoKeyFrom(Compatible("meta_llama", "https://api.llama.com/compat/v1"),
                  "LLAMA_API_KEY"),
      Compatible("ai21", "https://api.ai21.com/studio/v1"),
      // Mistral's code endpoint speaks Mistral's dialect.
      Compatible("codestral", "https://codestral.mistral.ai/v1",
                 MistralDialect()),
      AlsoKeyFrom(
          Compatible("friendliai", "https://api.friendli.ai/serverless/v1"),
          "FRIENDLI_TOKEN"),
      AlsoKeyFrom(Compatible("github", "https://models.github.ai/inference"),
                  "GITHUB_TOKEN"),
      Compatible("novita", "https://api.novita.ai/v3/openai"),
      // Featherless serves no function calling and knows only max_tokens.
      AlsoKeyFrom(Compatible("featherless_ai", "https://api.featherless.ai/v1",
                             MaxTokensOnly().NoTools().Drop(
                                 {"tool_choice", "parallel_tool_calls"})),
                  "FEATHERLESS_API_KEY"),
      Compatible("nscale", "https://inference.api.nscale.com/v1"),
      AlsoKeyFrom(Compatible("lambda_ai", "https://api.lambda.ai/v1"),
                  "LAMBDA_API_KEY"),
      Compatible("hyperbolic", "https://api.hyperbolic.xyz/v1"),
      Compatible("nebius", "https://api.tokenfactory.nebius.com/v1"),
      Compatible("baseten", "https://inference.baseten.co/v1"),
      Compatible("inception", "https://api.inceptionlabs.ai/v1"),
      Compatible("morph", "https://api.morphllm.com/v1"),
      Compatible("v0", "https://api.v0.dev/v1"),
      Compatible("wandb", "https://api.inference.wandb.ai/v1"),
      AlsoKeyFrom(Compatible("gradient_ai", "https://inference.do-ai.run/v1"),
                  "DIGITALOCEAN_API_KEY"),
      Compatible("ovhcloud",
                 "https://oai.endpoints.kepler.ai.cloud.ovh.net/v1"),
      AlsoKeyFrom(Compatible("scaleway", "https://api.scaleway.ai/v1"),
                  "SCW_SECRET_KEY"),
      AlsoKeyFrom(
          Compatible("clarifai", "https://api.clarifai.com/v2/ext/openai/v1"),
          "CLARIFAI_PAT"),
      Compatible("gmi", "https://api.gmi-serving.com/v1"),
      Compatible("chutes", "https://llm.chutes.ai/v1", MaxTokensOnly()),
      Compatible("synthetic", "https://api.synthetic.new/openai/v1",
                 MaxTokensOnly()),
      Compatible("publicai", "https://api.publicai.co/v1", MaxTokensOnly()),
      AlsoKeyFrom(Compatible("veniceai", "https://api.venice.ai/api/v1"),
                  "VENICE_AI_API_KEY"),
  };
}

// Model vendors based in China, on their international or main endpoint.
std::vector<BuiltinProvider> China() {
  return {
      Compatible("dashscope",
                 "https://dashscope.aliyuncs.com/compatible-mode/v1"),
      Compatible("moonshot", "https://api.moonshot.ai/v1"),
      Compatible("zai", "https://api.z.ai/api/paas/v4"),
      Compatible("minimax", "https://api.minimax.io/v1"),
      AlsoKeyFrom(
          Compatible("volcengine", "https://ark.cn-beijing.volces.com/api/v3"),
          "ARK_API_KEY"),
      Compatible("modelscope", "https://api-inference.modelscope.cn/v1"),
      Compatible("xiaomi_mimo", "https://api.xiaomimimo.com/v1",
                 MaxTokensOnly()),
  };
}

// Gateways that route to many vendors through one OpenAI-compatible API.
std::vector<BuiltinProvider> Gateways() {
  return {
      AlsoKeyFrom(Compatible("huggingface", "https://router.huggingface.co/v1"),
                  "HF_TOKEN"),
      AlsoKeyFrom(
          Compatible("vercel_ai_gateway", "https://ai-gateway.vercel.sh/v1"),
          "AI_GATEWAY_API_KEY"),
      Compatible("helicone", "https://ai-gateway.helicone.ai"),
      Compatible("poe", "https://api.poe.com/v1", MaxTokensOnly()),
      Compatible("aiml", "https://api.aimlapi.com/v1"),
      AlsoKeyFrom(Compatible("cometapi", "https://api.cometapi.com/v1"),
                  "COMETAPI_KEY"),
      Compatible("aihubmix", "https://aihubmix.com/v1"),
      // Served from the caller's own deployment: its URL must be set.
      Compatible("litellm_proxy", ""),
      // https://<workspace>/serving-endpoints, set in DATABRICKS_BASE_URL.
      AlsoKeyFrom(Compatible("databricks", ""), "DATABRICKS_TOKEN"),
  };
}

// Servers on the caller's own machines, at their default ports.
std::vector<BuiltinProvider> OnPremises() {
  return {
      Local("lm_studio", "http://localhost:1234/v1"),
      Local("llamafile", "http://localhost:8080/v1"),
      Local("llama_cpp", "http://localhost:8080/v1"),
      Local("xinference", "http://localhost:9997/v1"),
      Local("lemonade", "http://localhost:8000/api/v1"),
      Local("oobabooga", "http://localhost:5000/v1"),
  };
}

}  // namespace

std::vector<BuiltinProvider> LongTailProviders() {
  std::vector<BuiltinProvider> rows;
  for (auto family : {&Hosted, &China, &Gateways, &OnPremises}) {
    for (BuiltinProvider& kind : family()) rows.push_back(std::move(kind));
  }
  return rows;
}

}  // namespace literllm::provider_rows
