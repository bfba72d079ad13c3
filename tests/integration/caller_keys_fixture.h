#ifndef LITERLLM_TESTS_INTEGRATION_CALLER_KEYS_FIXTURE_H_
#define LITERLLM_TESTS_INTEGRATION_CALLER_KEYS_FIXTURE_H_

// Gateway replicas sharing one real redis-server, in front of one fake
// OpenAI and Groq, called with caller keys over gRPC and HTTP.

#include <google/protobuf/struct.pb.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "literllm/v1/admin_service.grpc.pb.h"
#include "literllm/v1/llm_service.grpc.pb.h"
#include "tests/fake_http/fake_http_server.h"
#include "tests/integration/server_process.h"
#include "tests/redis/redis_server_process.h"

namespace literllm::testing {

// Secrets that must never reach a log line or a status.
inline constexpr char kMasterKey[] =
    "lm-master-NeverLeakTheMasterKey0123456789";
// Static keys of the config file, by env (TEAM_A_KEY, TEAM_B_KEY).
inline constexpr char kTeamAKey[] = "sk-team-a-NeverLeakThisStaticKey012345";
inline constexpr char kTeamBKey[] = "sk-team-b-NeverLeakThisStaticKey678901";
// Configured by its SHA-256 (kHashedKeySha256).
inline constexpr char kHashedKey[] =
    "sk-hashed-NeverLeakThisHashedKey0123456789";
inline constexpr char kHashedKeySha256[] =
    "2ea4000093a79261b655913a25484373390f07c5ee665bb3653a4f44fa4f6429";
inline constexpr char kGroqKey[] = "gsk-groq-NeverLeak0123456789";

// The fake upstream's token counts: unary answers, then streams.
inline constexpr int kUnaryPrompt = 12, kUnaryCompletion = 5;
inline constexpr int kStreamPrompt = 9, kStreamCompletion = 3;

// One HTTP/1.1 exchange with the gateway's OpenAI-compatible front.
struct HttpAnswer {
  int status = 0;  // 0: no answer
  std::string head;
  std::string body;  // de-chunked
  // The first header with this name (case-insensitive), or "".
  std::string Header(const std::string& name) const;
  // The body as JSON (an empty Struct when it is not an object).
  google::protobuf::Struct Json() const;
  // error.<field> of an OpenAI error body, or "".
  std::string ErrorField(const std::string& field) const;
};

class CallerKeysTest : public ::testing::Test {
 protected:
  // A non-empty `redis_password` is required by Redis and sent by the
  // replicas (in LITERLLM_REDIS_URL).
  explicit CallerKeysTest(std::string redis_password = "");
  void SetUp() override;

  // Starts `count` replicas reading `yaml` (`{URL}`: the fake upstream),
  // all with LITERLLM_MASTER_KEY and LITERLLM_REDIS_URL pointing at
  // `redis_`; `env` adds to (or overrides) their environment.
  void StartReplicas(int count, const std::string& yaml,
                     const ServerProcess::Env& env = {});
  ServerProcess& replica(int i) { return *replicas_.at(i); }
  v1::LlmService::Stub& llm(int i) { return *llm_.at(i); }
  v1::AdminService::Stub& admin(int i) { return *admin_.at(i); }

  // A context with a deadline that presents `key` in `header`
  // ("authorization" gets "Bearer "); an empty key sends nothing.
  static std::unique_ptr<grpc::ClientContext> KeyContext(
      const std::string& key, absl::Duration timeout = absl::Seconds(20),
      const std::string& header = "authorization");
  static v1::ChatCompletionRequest ChatRequest(const std::string& model);

  grpc::Status Chat(int replica, const std::string& key,
                    const std::string& model = "openai/gpt-4o",
                    v1::ChatCompletionResponse* response = nullptr,
                    grpc::ClientContext* context = nullptr);
  // Runs a ChatStream call to the end; `last` gets the final chunk.
  grpc::Status Stream(int replica, const std::string& key,
                      const std::string& model = "openai/gpt-4o",
                      v1::ChatCompletionChunk* last = nullptr,
                      grpc::ClientContext* context = nullptr);
  grpc::Status ListModels(int replica, const std::string& key,
                          std::vector<std::string>* ids);

  // Admin calls with the master key.
  v1::CreateKeyResponse CreateKeyOk(int replica, const v1::KeyPolicy& policy);
  grpc::Status CreateKey(int replica, const std::string& key,
                         const v1::KeyPolicy& policy,
                         v1::CreateKeyResponse* response = nullptr);
  grpc::Status RevokeKey(int replica, const std::string& name);
  grpc::Status GetKeyUsage(int replica, const std::string& name,
                           v1::KeyUsage* usage);
  v1::KeyUsage UsageOk(int replica, const std::string& name);
  // Polls GetKeyUsage until it answers and `done` holds (up to `timeout`);
  // the last usage it answered.
  v1::KeyUsage WaitForUsage(
      int replica, const std::string& name,
      const std::function<bool(const v1::KeyUsage&)>& done,
      absl::Duration timeout = absl::Seconds(10));

  // POST /v1/chat/completions (or GET /v1/models with an empty body) to a
  // replica's HTTP front with `Authorization: Bearer <key>` (none if empty).
  HttpAnswer Http(int replica, const std::string& method,
                  const std::string& path, const std::string& key,
                  const std::string& body = "");
  HttpAnswer HttpChat(int replica, const std::string& key,
                      const std::string& model = "openai/gpt-4o");

  // Every log line of every replica.
  std::vector<std::string> AllLogs() const;

  const std::string redis_password_;
  FakeHttpServer upstream_;
  RedisServerProcess redis_;
  std::vector<std::unique_ptr<ServerProcess>> replicas_;
  std::vector<std::unique_ptr<v1::LlmService::Stub>> llm_;
  std::vector<std::unique_ptr<v1::AdminService::Stub>> admin_;
};

// A key policy with a name and, optionally, limits.
v1::KeyPolicy Policy(const std::string& name,
                     const std::vector<std::string>& models = {},
                     int64_t rpm = 0, int64_t tpm = 0, double budget_usd = 0);

// The whole-seconds value of the `retry-after` trailing metadata, or -1.
int RetryAfterSeconds(const grpc::ClientContext& context);

// The config file's keys, an alias and a price, on one or three replicas.
// A generous Redis timeout: a slow CI machine must not turn into refusals
// (short timeouts are redis_outage_test's business). Each call's usage is
// written as it ends, so the next call sees it (batched writes, the
// default, are redis_outage_test's and the ledger's tests' business).
inline constexpr char kStaticKeysConfig[] = R"(
redis:
  timeout: 2s
  usage_batch: 0s
aliases:
  smart: groq/llama-3.1-70b
auth:
  keys:
    - name: team-a
      key_env: TEAM_A_KEY
      models: [openai/*, smart]
    - name: hashed
      key_sha256: 2ea4000093a79261b655913a25484373390f07c5ee665bb3653a4f44fa4f6429
      models: [groq/llama-3.1-8b]
    - name: old
      key_env: TEAM_B_KEY
      expires_at_unix: 1000000000
prices:
  openai/gpt-4o: {input: 2.5, output: 10}
)";

class CallerKeysOneReplicaTest : public CallerKeysTest {
 protected:
  void SetUp() override {
    CallerKeysTest::SetUp();
    if (!HasFatalFailure()) StartReplicas(1, kStaticKeysConfig);
  }

  // Chat requests the fake upstream received.
  int ChatRequestsUpstream() const;

  // A unary call, a stream and an HTTP call with `key`, on three replicas
  // (when there are), all refused for `limit` with a retry-after in
  // 1..max_retry_after seconds.
  void ExpectExhausted(const std::string& key, const std::string& limit,
                       const std::string& http_code, int max_retry_after);
};

class CallerKeysThreeReplicasTest : public CallerKeysOneReplicaTest {
 protected:
  void SetUp() override {
    CallerKeysTest::SetUp();
    if (!HasFatalFailure()) StartReplicas(3, kStaticKeysConfig);
  }
};

}  // namespace literllm::testing

#endif  // LITERLLM_TESTS_INTEGRATION_CALLER_KEYS_FIXTURE_H_
