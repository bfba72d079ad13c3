#include "service/server/gateway_server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.pb.h"
#include "service/metrics/process_metrics.h"
#include "service/policy/policy_factory.h"
#include "service/server/server_metrics.h"
#include "service/telemetry/log.h"

namespace literllm {

namespace {

std::unique_ptr<RedisClient> NewRedisClient(const AccessSetup& access) {
  if (!access.redis.has_value()) return nullptr;
  return std::make_unique<RedisClient>(RedisClient::Options{
      .endpoint = *access.redis, .command_timeout = access.redis_timeout});
}

KeyDirectory::Options DirectoryOptions(const AccessSetup& access,
                                       KeyStore* store) {
  KeyDirectory::Options options;
  options.master_key_hash = access.master_key_hash;
  options.static_keys = access.static_keys;
  options.store = store;
  return options;
}

}  // namespace

GatewayServer::GatewayServer(ServerOptions options, ProviderRegistry providers,
                             PriceTable prices, const GatewayConfig& config,
                             AccessSetup access)
    : options_(std::move(options)),
      providers_(std::move(providers)),
      prices_(std::move(prices)),
      redactor_(providers_.secrets()),
      balancer_(providers_, options_.circuit_breaker),
      catalog_(transport_, options_.model_list_ttl,
               options_.model_list_timeout),
      transport_(CurlTransport::Options{options_.upstream_threads}),
      access_(std::move(access)),
      redis_(NewRedisClient(access_)),
      key_store_(redis_ != nullptr && access_.admin_api
                     ? std::make_unique<KeyStore>(*redis_)
                     : nullptr),
      ledger_(redis_ != nullptr
                  ? std::make_unique<UsageLedger>(*redis_, access_.usage_batch)
                  : nullptr),
      keys_(DirectoryOptions(access_, key_store_.get())),
      admin_(keys_, key_store_.get(), ledger_.get(), redactor_),
      tracer_(options_.tracing.enabled
                  ? std::make_unique<Tracer>(options_.tracing, transport_,
                                             GenAiProviderNames(providers_))
                  : nullptr),
      policies_(BuildPolicyChain(
          config,
          PolicyServices{
              .stats = stats_,
              .keys = keys_,
              .ledger = ledger_.get(),
              .on_failure = access_.on_failure,
              .access_log =
                  options_.access_log != "off" ? &access_log_ : nullptr,
              .tracer = tracer_.get(),
              .metrics = options_.call_metrics ? &metrics_ : nullptr})),
      calls_{providers_,
             transport_,
             prices_,
             options_.retries,
             balancer_,
             policies_,
             options_.max_call_duration},
      service_(calls_, catalog_, redactor_),
      openai_front_(calls_, catalog_, redactor_,
                    [this] { return !shutting_down_.load(); }),
      anthropic_front_(calls_, redactor_,
                       [this] { return !shutting_down_.load(); }),
      http_routes_(metrics_, [this] { return !shutting_down_.load(); }) {
  AddProcessMetrics(metrics_);
  AddServerMetrics(metrics_, balancer_,
                   [this] { return static_cast<double>(spans_dropped()); });
  http_routes_.AddFront("", openai_front_);
  http_routes_.AddFront("/v1/messages", anthropic_front_);
}

GatewayServer::~GatewayServer() {
  if (server_ != nullptr) Shutdown();
}

absl::Status GatewayServer::Start() {
  // gRPC 1.51's built-in health service registers no descriptor; touching the
  // compiled grpc.health.v1 messages links theirs in, so reflection can
  // describe the health service.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  if (options_.access_log != "off") {
    if (absl::Status opened = access_log_.Start(options_.access_log);
        !opened.ok()) {
      return opened;
    }
  }
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.listen, grpc::InsecureServerCredentials(),
                           &port_);
  builder.SetMaxReceiveMessageSize(options_.max_message_bytes);
  builder.SetMaxSendMessageSize(options_.max_message_bytes);
  auto ms = [](absl::Duration d) {
    return static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(d),
                                              std::numeric_limits<int>::max()));
  };
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                             ms(options_.max_connection_age));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                             ms(options_.max_connection_age_grace));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                             ms(options_.keepalive_time));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                             ms(options_.keepalive_timeout));
  // Clients that keep their own idle connections alive are welcome to.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10000);
  builder.RegisterService(&service_);
  builder.RegisterService(&admin_);
  if (redis_ != nullptr) {
    redis_->Start();
    // Serve once Redis is connected, so a new replica does not refuse its
    // first calls; a Redis that is down now is retried in the background.
    const absl::Time give_up = absl::Now() + options_.redis_connect_wait;
    while (!redis_->connected() && absl::Now() < give_up) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    if (!redis_->connected()) {
      Log("warn",
          "redis is not reachable yet; calls of keys with limits "
          "follow redis.on_failure until it is");
    }
  }
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    server_.reset();
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options_.listen));
  }
  if (!options_.http_listen.empty()) {
    http_ = std::make_unique<HttpServer>(
        HttpServer::Options{options_.http_listen, options_.http_threads,
                            static_cast<size_t>(options_.http_max_body_bytes)},
        http_routes_);
    if (absl::Status started = http_->Start(); !started.ok()) {
      http_.reset();
      server_->Shutdown();
      server_.reset();
      return started;
    }
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  server_->GetHealthCheckService()->SetServingStatus(
      v1::LlmService::service_full_name(), true);
  return absl::OkStatus();
}

void GatewayServer::Shutdown() {
  if (server_ == nullptr) return;
  shutting_down_.store(true);
  const absl::Time deadline = absl::Now() + options_.shutdown_grace;
  server_->GetHealthCheckService()->SetServingStatus(false);
  // Both fronts drain at once, within the same grace.
  if (http_ != nullptr) http_->BeginDrain();
  server_->Shutdown(absl::ToChronoTime(deadline));
  server_->Wait();
  if (http_ != nullptr) http_->Stop(deadline);
  http_.reset();
  server_.reset();
  // Every call has queued its spans; they go out (within a bounded
  // wait) while the transport still runs.
  if (tracer_ != nullptr) tracer_->Shutdown(absl::Seconds(2));
  // After the last call: what the last calls used goes to Redis first.
  if (ledger_ != nullptr) ledger_->Drain(absl::Seconds(1));
  if (redis_ != nullptr) redis_->Stop();
  // Last: every call has ended, so every line is queued.
  access_log_.Stop();
}

}  // namespace literllm
