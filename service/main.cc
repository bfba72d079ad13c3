// literllm-server: the gRPC gateway. Serves every provider whose key is in the
// environment; exits 0 after a graceful drain on SIGTERM or SIGINT.
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "providers/registry.h"
#include "service/config/config.h"
#include "service/config/provider_setup.h"
#include "service/keys/access_setup.h"
#include "service/server/gateway_server.h"
#include "service/telemetry/log.h"
#include "service/tracing/tracing_settings.h"

ABSL_FLAG(std::optional<std::string>, config, std::nullopt,
          "YAML config file: providers, aliases, model listing, prices, "
          "caller keys (auth:), Redis (redis:) (env LITERLLM_CONFIG; default: "
          "none, providers from the environment). Secrets come from the "
          "environment only: LITERLLM_MASTER_KEY (callers must present keys) "
          "and LITERLLM_REDIS_URL (redis://[[user]:password@]host[:port][/db], "
          "shared rate limits, budgets and admin-made keys)");
ABSL_FLAG(std::optional<std::string>, listen, std::nullopt,
          "HOST:PORT to serve on (env LITERLLM_LISTEN; default 0.0.0.0:50051)");
ABSL_FLAG(std::optional<std::string>, http_listen, std::nullopt,
          "HOST:PORT of the OpenAI-compatible HTTP front, /healthz and /readyz "
          "(env LITERLLM_HTTP_LISTEN; default 0.0.0.0:8080; empty: off)");
ABSL_FLAG(std::optional<std::string>, http_max_body_bytes, std::nullopt,
          "largest HTTP request body in bytes (env "
          "LITERLLM_HTTP_MAX_BODY_BYTES; default 33554432)");
ABSL_FLAG(std::optional<std::string>, http_threads, std::nullopt,
          "threads running the HTTP front's connections (env "
          "LITERLLM_HTTP_THREADS; default: the number of CPUs)");
ABSL_FLAG(std::optional<std::string>, shutdown_grace, std::nullopt,
          "how long in-flight calls may finish after SIGTERM (env "
          "LITERLLM_SHUTDOWN_GRACE; default 30s)");
ABSL_FLAG(std::optional<std::string>, upstream_threads, std::nullopt,
          "threads running upstream HTTP (env LITERLLM_UPSTREAM_THREADS; "
          "default: the number of CPUs)");
ABSL_FLAG(std::optional<std::string>, max_connection_age, std::nullopt,
          "close client connections after this long, so clients rebalance "
          "onto new replicas (env LITERLLM_MAX_CONNECTION_AGE; default 5m)");
ABSL_FLAG(std::optional<std::string>, max_connection_age_grace, std::nullopt,
          "how long calls on an aged connection may still run (env "
          "LITERLLM_MAX_CONNECTION_AGE_GRACE; default 10m)");
ABSL_FLAG(std::optional<std::string>, keepalive_time, std::nullopt,
          "ping idle client connections this often (env "
          "LITERLLM_KEEPALIVE_TIME; default 30s)");
ABSL_FLAG(std::optional<std::string>, keepalive_timeout, std::nullopt,
          "close a connection whose ping is unanswered this long (env "
          "LITERLLM_KEEPALIVE_TIMEOUT; default 10s)");
ABSL_FLAG(std::optional<std::string>, max_message_size, std::nullopt,
          "largest request or response message in bytes (env "
          "LITERLLM_MAX_MESSAGE_SIZE; default 67108864)");
ABSL_FLAG(std::optional<std::string>, max_call_duration, std::nullopt,
          "longest a call may run, whatever the caller's deadline (env "
          "LITERLLM_MAX_CALL_DURATION; default 10m)");
ABSL_FLAG(std::optional<std::string>, metrics, std::nullopt,
          "per-call Prometheus metrics at GET /metrics: on or off (env "
          "LITERLLM_METRICS; default on; off leaves the process metrics)");
ABSL_FLAG(std::optional<std::string>, access_log, std::nullopt,
          "where the access log (one JSON line per call) goes: stdout, "
          "stderr, off, or a file to append to (env LITERLLM_ACCESS_LOG; "
          "default stdout)");

namespace literllm {
namespace {

// Flag, else environment variable, else `fallback`.
std::string Setting(const std::optional<std::string>& flag, const char* env,
                    std::string fallback) {
  if (flag.has_value()) return *flag;
  if (const char* value = std::getenv(env);
      value != nullptr && *value != '\0') {
    return value;
  }
  return fallback;
}

// A duration setting such as "30s" or "10m"; bad values stop the server.
absl::Duration DurationSetting(const std::optional<std::string>& flag,
                               const char* env, absl::Duration fallback) {
  std::string text = Setting(flag, env, absl::FormatDuration(fallback));
  absl::Duration value;
  if (!absl::ParseDuration(text, &value) || value < absl::ZeroDuration()) {
    Log("error", "not a duration like 30s or 10m",
        {{"setting", env}, {"value", text}});
    std::exit(2);
  }
  return value;
}

// A whole number from `min` to `max`; bad values stop the server.
int IntSetting(const std::optional<std::string>& flag, const char* env,
               int fallback, int min, int max) {
  std::string text = Setting(flag, env, absl::StrCat(fallback));
  int value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < min || value > max) {
    Log("error", absl::StrCat("not a whole number from ", min, " to ", max),
        {{"setting", env}, {"value", text}});
    std::exit(2);
  }
  return value;
}

ServerOptions OptionsFromFlags() {
  ServerOptions options;
  options.upstream_threads = IntSetting(
      absl::GetFlag(FLAGS_upstream_threads), "LITERLLM_UPSTREAM_THREADS",
      std::max(1u, std::thread::hardware_concurrency()), 1, 64);
  options.max_message_bytes = IntSetting(
      absl::GetFlag(FLAGS_max_message_size), "LITERLLM_MAX_MESSAGE_SIZE",
      options.max_message_bytes, 1024, std::numeric_limits<int>::max());
  options.max_connection_age = DurationSetting(
      absl::GetFlag(FLAGS_max_connection_age), "LITERLLM_MAX_CONNECTION_AGE",
      options.max_connection_age);
  options.max_connection_age_grace = DurationSetting(
      absl::GetFlag(FLAGS_max_connection_age_grace),
      "LITERLLM_MAX_CONNECTION_AGE_GRACE", options.max_connection_age_grace);
  options.keepalive_time =
      DurationSetting(absl::GetFlag(FLAGS_keepalive_time),
                      "LITERLLM_KEEPALIVE_TIME", options.keepalive_time);
  options.keepalive_timeout =
      DurationSetting(absl::GetFlag(FLAGS_keepalive_timeout),
                      "LITERLLM_KEEPALIVE_TIMEOUT", options.keepalive_timeout);
  options.listen =
      Setting(absl::GetFlag(FLAGS_listen), "LITERLLM_LISTEN", options.listen);
  // Unlike other settings, an empty value means something here: off.
  if (std::optional<std::string> flag = absl::GetFlag(FLAGS_http_listen)) {
    options.http_listen = *flag;
  } else if (const char* env = std::getenv("LITERLLM_HTTP_LISTEN")) {
    options.http_listen = env;
  }
  options.http_max_body_bytes = IntSetting(
      absl::GetFlag(FLAGS_http_max_body_bytes), "LITERLLM_HTTP_MAX_BODY_BYTES",
      options.http_max_body_bytes, 1024, std::numeric_limits<int>::max());
  options.http_threads =
      IntSetting(absl::GetFlag(FLAGS_http_threads), "LITERLLM_HTTP_THREADS",
                 std::max(1u, std::thread::hardware_concurrency()), 1, 64);
  options.shutdown_grace =
      DurationSetting(absl::GetFlag(FLAGS_shutdown_grace),
                      "LITERLLM_SHUTDOWN_GRACE", options.shutdown_grace);
  options.max_call_duration =
      DurationSetting(absl::GetFlag(FLAGS_max_call_duration),
                      "LITERLLM_MAX_CALL_DURATION", options.max_call_duration);
  const std::string metrics =
      Setting(absl::GetFlag(FLAGS_metrics), "LITERLLM_METRICS", "on");
  if (metrics != "on" && metrics != "off") {
    Log("error", "not on or off",
        {{"setting", "LITERLLM_METRICS"}, {"value", metrics}});
    std::exit(2);
  }
  options.call_metrics = metrics == "on";
  options.access_log = Setting(absl::GetFlag(FLAGS_access_log),
                               "LITERLLM_ACCESS_LOG", options.access_log);
  if (options.access_log.empty()) {
    Log("error", "not stdout, stderr, off or a file path",
        {{"setting", "LITERLLM_ACCESS_LOG"}, {"value", ""}});
    std::exit(2);
  }
  return options;
}

// The config file's settings (none when no file is named) and the providers
// they describe; a bad file stops the server with a message naming the file,
// line and problem.
std::pair<GatewayConfig, ProviderRegistry> LoadProviders() {
  GatewayConfig config;
  std::string file =
      Setting(absl::GetFlag(FLAGS_config), "LITERLLM_CONFIG", "");
  if (!file.empty()) {
    absl::StatusOr<GatewayConfig> loaded = LoadConfig(file);
    if (!loaded.ok()) {
      Log("error", loaded.status().message());
      std::exit(2);
    }
    config = *std::move(loaded);
  }
  absl::StatusOr<ProviderRegistry> providers =
      BuildProviders(config, ProcessEnvironment());
  if (!providers.ok()) {
    Log("error", providers.status().message());
    std::exit(2);
  }
  return {std::move(config), *std::move(providers)};
}

// The OTEL_* settings. As the OpenTelemetry specification asks, a value
// that cannot be used is a warning and its default applies; without an
// endpoint tracing stays off.
TracingSettings TracingFromEnvironment() {
  TracingSettings tracing = TracingSettingsFromEnv(ProcessEnvironment());
  for (const std::string& warning : tracing.warnings) Log("warn", warning);
  if (tracing.enabled) {
    Log("info", "traces go to an OTLP collector",
        {{"endpoint", tracing.EndpointForLog()},
         {"sampler", std::string(SamplerKindName(tracing.sampler))},
         {"sampler_ratio", absl::StrCat(tracing.sampler_ratio)}});
  }
  return tracing;
}

int Run() {
  // Block the stop signals before any thread exists, so every thread inherits
  // the mask and only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  ServerOptions options = OptionsFromFlags();
  options.tracing = TracingFromEnvironment();
  auto [config, providers] = LoadProviders();
  options.model_list_ttl = config.model_listing.cache_ttl;
  options.model_list_timeout = config.model_listing.timeout;
  options.retries = config.retries;
  options.circuit_breaker = config.circuit_breaker;
  std::vector<std::string> names;
  for (const Provider* p : providers.providers()) {
    if (p->config().listed) names.push_back(p->config().name);
  }
  if (names.empty()) {
    Log("warn", "no provider configured: set a key such as OPENAI_API_KEY");
  }

  absl::StatusOr<AccessSetup> access =
      SetUpAccess(config, ProcessEnvironment());
  if (!access.ok()) {
    Log("error", access.status().message());
    std::exit(2);
  }
  if (access->master_key_hash.empty()) {
    Log("warn",
        "no master key: every caller may use every model (set "
        "LITERLLM_MASTER_KEY to require keys)");
  }
  const std::string redis_address =
      access->redis.has_value()
          ? absl::StrCat(access->redis->host, ":", access->redis->port)
          : "";
  GatewayServer server(options, std::move(providers), BuildPrices(config),
                       config, *std::move(access));
  if (absl::Status started = server.Start(); !started.ok()) {
    Log("error", started.message());
    return 1;
  }
  Log("info", "listening",
      {{"address", options.listen},
       {"port", absl::StrCat(server.port())},
       {"http_address", options.http_listen},
       {"http_port",
        server.http_port() > 0 ? absl::StrCat(server.http_port()) : ""},
       {"providers", absl::StrJoin(names, ",")},
       {"redis", redis_address}});

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  Log("info", "shutting down",
      {{"signal", absl::StrCat(signal_number)},
       {"grace", absl::FormatDuration(options.shutdown_grace)}});
  server.Shutdown();
  if (options.tracing.enabled) {
    Log("info", "traces stopped",
        {{"spans_exported", absl::StrCat(server.spans_exported())},
         {"spans_dropped", absl::StrCat(server.spans_dropped())}});
  }
  Log("info", "stopped",
      {{"chat_calls", server.stats().Summary()},
       {"access_log_dropped", absl::StrCat(server.access_log().dropped())}});
  return 0;
}

}  // namespace
}  // namespace literllm

int main(int argc, char** argv) {
  // Debian's Abseil tracks every Mutex in a global lock-order graph; with a
  // mutex per call that bookkeeping costs more than the calls themselves.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  absl::SetProgramUsageMessage(
      "literllm-server [--config=FILE] [--listen=HOST:PORT] "
      "[--http_listen=HOST:PORT] "
      "[--shutdown_grace=30s] [--max_call_duration=10m] "
      "[--access_log=stdout|stderr|off|FILE]");
  absl::ParseCommandLine(argc, argv);
  return literllm::Run();
}
