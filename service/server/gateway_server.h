#ifndef LITERLLM_SERVICE_SERVER_GATEWAY_SERVER_H_
#define LITERLLM_SERVICE_SERVER_GATEWAY_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "providers/http/curl_transport.h"
#include "providers/registry.h"
#include "service/call/call_policy.h"
#include "service/call/call_services.h"
#include "service/config/config.h"
#include "service/grpc/admin_service.h"
#include "service/grpc/llm_service.h"
#include "service/http/anthropic_front.h"
#include "service/http/gateway_routes.h"
#include "service/http/http_server.h"
#include "service/http/openai_front.h"
#include "service/keys/access_setup.h"
#include "service/keys/key_directory.h"
#include "service/keys/key_store.h"
#include "service/limits/usage_ledger.h"
#include "service/metrics/metrics_registry.h"
#include "service/models/model_catalog.h"
#include "service/policy/call_stats.h"
#include "service/redis/redis_client.h"
#include "service/routing/deployment_balancer.h"
#include "service/telemetry/access_log.h"
#include "service/telemetry/secret_redactor.h"
#include "service/tracing/tracer.h"

namespace literllm {

struct ServerOptions {
  std::string listen = "0.0.0.0:50051";
  // The HTTP front's HOST:PORT; empty: no HTTP front.
  std::string http_listen = "0.0.0.0:8080";
  int http_threads = 2;
  int http_max_body_bytes = 32 << 20;
  // How long in-flight calls may run on after shutdown begins.
  absl::Duration shutdown_grace = absl::Seconds(30);
  // Longest a call may run, whatever the caller's deadline.
  absl::Duration max_call_duration = absl::Minutes(10);
  // Threads running upstream HTTP (each a libcurl event loop); fixed for
  // the life of the server.
  int upstream_threads = 2;
  // Largest message either way: room for inline images.
  int max_message_bytes = 64 << 20;
  // Client connections close after max_connection_age (calls on them get
  // max_connection_age_grace more), so clients behind a DNS or headless
  // Service rebalance onto replicas that were added meanwhile.
  absl::Duration max_connection_age = absl::Minutes(5);
  absl::Duration max_connection_age_grace = absl::Minutes(10);
  // Pings on idle connections find dead peers behind NATs and proxies.
  absl::Duration keepalive_time = absl::Seconds(30);
  absl::Duration keepalive_timeout = absl::Seconds(10);
  // How long a provider's model listing is reused, and how long fetching
  // one may take.
  absl::Duration model_list_ttl = absl::Minutes(10);
  absl::Duration model_list_timeout = absl::Seconds(5);
  // How failed upstream attempts are retried (the config's `retries:`).
  RetrySettings retries;
  BreakerSettings circuit_breaker;
  // How long Start waits for a configured Redis before serving anyway.
  absl::Duration redis_connect_wait = absl::Seconds(2);
  // Per-call metrics (literllm_requests_total, ...); off, GET /metrics
  // serves only the process's and the circuits'.
  bool call_metrics = true;
  // Where the access log goes: "stdout", "stderr", a file path, or "off".
  std::string access_log = "stdout";
  // OpenTelemetry traces (the OTEL_* variables); off without an endpoint.
  TracingSettings tracing;
};

// The whole server: the gRPC front (LlmService, AdminService, health,
// reflection), the
// HTTP front (OpenAI-compatible), the policies, the upstream transport.
// Start and Shutdown are called from one thread (main).
class GatewayServer {
 public:
  // `config` chooses the policies (service/policy/policy_factory.h).
  // `access` says who may call and where limits are kept
  // (service/keys/access_setup.h).
  GatewayServer(ServerOptions options, ProviderRegistry providers,
                PriceTable prices, const GatewayConfig& config,
                AccessSetup access);
  ~GatewayServer();

  absl::Status Start();
  // The bound ports (useful with --listen=host:0); the HTTP one is 0 when
  // the HTTP front is off.
  int port() const { return port_; }
  int http_port() const { return http_ != nullptr ? http_->port() : 0; }
  // How chat calls ended so far.
  const CallStats& stats() const { return stats_; }
  // Spans that never reached the collector (queue full, export failed,
  // left over at shutdown) and spans it took; 0 while tracing is off.
  uint64_t spans_dropped() const {
    return tracer_ != nullptr ? tracer_->spans_dropped() : 0;
  }
  uint64_t spans_exported() const {
    return tracer_ != nullptr ? tracer_->spans_exported() : 0;
  }
  const AccessLog& access_log() const { return access_log_; }

  // Health turns NOT_SERVING at once and new calls are refused; in-flight
  // calls get the grace period to finish, then are cancelled. Returns when
  // every call has ended.
  void Shutdown();

 private:
  const ServerOptions options_;
  const ProviderRegistry providers_;
  const PriceTable prices_;
  const SecretRedactor redactor_;
  DeploymentBalancer balancer_;
  // Before the transport: the transport's shutdown completes every fetch.
  ModelCatalog catalog_;
  CurlTransport transport_;
  CallStats stats_;
  // Before the policies that record into it; served at GET /metrics.
  MetricsRegistry metrics_;
  // Caller keys and their limits; the Redis parts are null without Redis.
  const AccessSetup access_;
  std::unique_ptr<RedisClient> redis_;
  std::unique_ptr<KeyStore> key_store_;
  std::unique_ptr<UsageLedger> ledger_;
  KeyDirectory keys_;
  AdminService admin_;
  // Before the policies that write to it; stopped after the last call.
  AccessLog access_log_;
  // Null while tracing is off. After the transport it exports through,
  // so it is gone before the transport stops.
  std::unique_ptr<Tracer> tracer_;
  const PolicyChain policies_;
  const CallServices calls_;
  LlmService service_;
  std::atomic<bool> shutting_down_{false};
  OpenAiFront openai_front_;
  AnthropicFront anthropic_front_;
  GatewayRoutes http_routes_;         // /metrics, /healthz, /readyz, the fronts
  std::unique_ptr<HttpServer> http_;  // after its handler: stops first
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_SERVER_GATEWAY_SERVER_H_
