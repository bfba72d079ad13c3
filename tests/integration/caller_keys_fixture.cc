#include "tests/integration/caller_keys_fixture.h"

#include <google/protobuf/util/json_util.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "tests/fake_http/test_http_client.h"
#include "tests/integration/gateway_fixture.h"
#include "tests/integration/openai_fixtures.h"

namespace literllm::testing {
namespace {

constexpr char kOpenAiModels[] =
    R"({"object":"list","data":[)"
    R"({"id":"gpt-4o","object":"model","created":1,"owned_by":"openai"},)"
    R"({"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"openai"}]})";
constexpr char kGroqModels[] =
    R"({"object":"list","data":[)"
    R"({"id":"llama-3.1-8b","object":"model","created":1,"owned_by":"groq"}]})";

// Model lists by provider, streams when asked, completions otherwise.
void Answer(const RecordedRequest& request, ResponseWriter& writer) {
  static const Handler* const kStream =
      new Handler(SseHandler(TextStream({"Hel", "lo"})));
  if (absl::EndsWith(request.path, "/models")) {
    writer.SendJson(200, absl::StartsWith(request.path, "/groq/")
                             ? kGroqModels
                             : kOpenAiModels);
  } else if (absl::StrContains(request.body, R"("stream":true)")) {
    (*kStream)(request, writer);
  } else {
    writer.SendJson(200, OpenAiCompletion("Hello!"));
  }
}

std::string Dechunk(absl::string_view raw) {
  std::string body;
  while (true) {
    size_t eol = raw.find("\r\n");
    size_t size = 0;
    if (eol == absl::string_view::npos ||
        !absl::SimpleHexAtoi(raw.substr(0, eol), &size) || size == 0 ||
        raw.size() < eol + 2 + size) {
      return body;
    }
    absl::StrAppend(&body, raw.substr(eol + 2, size));
    raw.remove_prefix(std::min(raw.size(), eol + 2 + size + 2));
  }
}

}  // namespace

std::string HttpAnswer::Header(const std::string& name) const {
  for (absl::string_view line : absl::StrSplit(head, "\r\n")) {
    size_t colon = line.find(':');
    if (colon != absl::string_view::npos &&
        absl::EqualsIgnoreCase(line.substr(0, colon), name)) {
      return std::string(absl::StripAsciiWhitespace(line.substr(colon + 1)));
    }
  }
  return "";
}

google::protobuf::Struct HttpAnswer::Json() const {
  google::protobuf::Struct json;
  if (!google::protobuf::util::JsonStringToMessage(body, &json).ok()) {
    json.Clear();
  }
  return json;
}

std::string HttpAnswer::ErrorField(const std::string& field) const {
  google::protobuf::Struct json = Json();
  auto error = json.fields().find("error");
  if (error == json.fields().end()) return "";
  const auto& fields = error->second.struct_value().fields();
  auto value = fields.find(field);
  return value == fields.end() ? "" : value->second.string_value();
}

CallerKeysTest::CallerKeysTest(std::string redis_password)
    : redis_password_(std::move(redis_password)),
      upstream_(Answer),
      redis_(redis_password_) {}

void CallerKeysTest::SetUp() {
  ASSERT_TRUE(redis_.running()) << "redis-server did not start";
}

void CallerKeysTest::StartReplicas(int count, const std::string& yaml,
                                   const ServerProcess::Env& env) {
  std::string redis_url = redis_password_.empty()
                              ? redis_.url()
                              : absl::StrCat("redis://:", redis_password_,
                                             "@127.0.0.1:", redis_.port());
  ProviderTest::ArgsFor args = ConfigArgs(yaml);
  for (int i = 0; i < count; ++i) {
    ServerProcess::Env all = OpenAiAndGroqEnvironment(upstream_.base_url());
    all["LITERLLM_MASTER_KEY"] = kMasterKey;
    all["LITERLLM_REDIS_URL"] = redis_url;
    all["TEAM_A_KEY"] = kTeamAKey;
    all["TEAM_B_KEY"] = kTeamBKey;
    for (const auto& [name, value] : env) all[name] = value;
    replicas_.push_back(std::make_unique<ServerProcess>(
        std::move(all), args(upstream_.base_url())));
    ASSERT_NE(replicas_.back()->port(), 0)
        << "replica " << i << " did not start:\n"
        << absl::StrJoin(replicas_.back()->Logs(), "\n");
    llm_.push_back(replicas_.back()->NewStub());
    admin_.push_back(v1::AdminService::NewStub(replicas_.back()->NewChannel()));
  }
  // A replica listens before its Redis connection is up; until then it
  // refuses what needs Redis. Wait for it (when Redis is there at all).
  for (int i = 0; redis_.running() && i < count; ++i) {
    absl::Time give_up = absl::Now() + absl::Seconds(10);
    grpc::Status status;
    do {
      absl::SleepFor(absl::Milliseconds(20));
      auto context = KeyContext(kMasterKey);
      v1::ListKeysResponse listed;
      status = admin(i).ListKeys(context.get(), {}, &listed);
    } while (!status.ok() && absl::Now() < give_up);
    ASSERT_TRUE(status.ok())
        << "replica " << i << " has no Redis: " << status.error_message();
  }
}

std::unique_ptr<grpc::ClientContext> CallerKeysTest::KeyContext(
    const std::string& key, absl::Duration timeout, const std::string& header) {
  auto context = ProviderTest::Context(timeout);
  if (!key.empty()) {
    context->AddMetadata(
        header, header == "authorization" ? absl::StrCat("Bearer ", key) : key);
  }
  return context;
}

v1::ChatCompletionRequest CallerKeysTest::ChatRequest(
    const std::string& model) {
  return ProviderTest::Request(
      absl::StrCat(R"({"model":")", model,
                   R"(","messages":[{"role":"user","content":"Hi"}]})"));
}

grpc::Status CallerKeysTest::Chat(int replica, const std::string& key,
                                  const std::string& model,
                                  v1::ChatCompletionResponse* response,
                                  grpc::ClientContext* context) {
  v1::ChatCompletionResponse ignored;
  std::unique_ptr<grpc::ClientContext> owned;
  if (context == nullptr) context = (owned = KeyContext(key)).get();
  return llm(replica).Chat(context, ChatRequest(model),
                           response ? response : &ignored);
}

grpc::Status CallerKeysTest::Stream(int replica, const std::string& key,
                                    const std::string& model,
                                    v1::ChatCompletionChunk* last,
                                    grpc::ClientContext* context) {
  std::unique_ptr<grpc::ClientContext> owned;
  if (context == nullptr) context = (owned = KeyContext(key)).get();
  auto reader = llm(replica).ChatStream(context, ChatRequest(model));
  v1::ChatCompletionChunk chunk;
  while (reader->Read(&chunk)) {
    if (last != nullptr) *last = chunk;
  }
  return reader->Finish();
}

grpc::Status CallerKeysTest::ListModels(int replica, const std::string& key,
                                        std::vector<std::string>* ids) {
  auto context = KeyContext(key);
  v1::ListModelsResponse response;
  grpc::Status status = llm(replica).ListModels(
      context.get(), v1::ListModelsRequest(), &response);
  for (const v1::Model& model : response.data()) ids->push_back(model.id());
  return status;
}

grpc::Status CallerKeysTest::CreateKey(int replica, const std::string& key,
                                       const v1::KeyPolicy& policy,
                                       v1::CreateKeyResponse* response) {
  auto context = KeyContext(key);
  v1::CreateKeyRequest request;
  *request.mutable_policy() = policy;
  v1::CreateKeyResponse ignored;
  return admin(replica).CreateKey(context.get(), request,
                                  response ? response : &ignored);
}

v1::CreateKeyResponse CallerKeysTest::CreateKeyOk(int replica,
                                                  const v1::KeyPolicy& policy) {
  v1::CreateKeyResponse response;
  grpc::Status status = CreateKey(replica, kMasterKey, policy, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

grpc::Status CallerKeysTest::RevokeKey(int replica, const std::string& name) {
  auto context = KeyContext(kMasterKey);
  v1::RevokeKeyRequest request;
  request.set_name(name);
  v1::RevokeKeyResponse response;
  return admin(replica).RevokeKey(context.get(), request, &response);
}

grpc::Status CallerKeysTest::GetKeyUsage(int replica, const std::string& name,
                                         v1::KeyUsage* usage) {
  auto context = KeyContext(kMasterKey);
  v1::GetKeyUsageRequest request;
  request.set_name(name);
  return admin(replica).GetKeyUsage(context.get(), request, usage);
}

v1::KeyUsage CallerKeysTest::UsageOk(int replica, const std::string& name) {
  v1::KeyUsage usage;
  grpc::Status status = GetKeyUsage(replica, name, &usage);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return usage;
}

v1::KeyUsage CallerKeysTest::WaitForUsage(
    int replica, const std::string& name,
    const std::function<bool(const v1::KeyUsage&)>& done,
    absl::Duration timeout) {
  absl::Time give_up = absl::Now() + timeout;
  v1::KeyUsage last;
  grpc::Status status;
  while (true) {
    v1::KeyUsage usage;
    status = GetKeyUsage(replica, name, &usage);
    if (status.ok()) last = usage;
    if ((status.ok() && done(usage)) || absl::Now() >= give_up) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_TRUE(status.ok()) << status.error_message();
  return last;
}

HttpAnswer CallerKeysTest::Http(int replica, const std::string& method,
                                const std::string& path, const std::string& key,
                                const std::string& body) {
  HttpAnswer answer;
  int fd = ConnectLoopback(this->replica(replica).http_port());
  if (fd < 0) return answer;
  timeval timeout{.tv_sec = 20, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  std::string request = absl::StrCat(
      method, " ", path, " HTTP/1.1\r\nHost: literllm\r\nConnection: close\r\n",
      key.empty() ? "" : absl::StrCat("Authorization: Bearer ", key, "\r\n"),
      body.empty() ? "" : "Content-Type: application/json\r\n",
      "Content-Length: ", body.size(), "\r\n\r\n", body);
  std::string raw;
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
      static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    ssize_t n;
    while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) raw.append(buffer, n);
  }
  close(fd);
  size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.size() < 12) return answer;
  answer.head = raw.substr(0, head_end);
  absl::SimpleAtoi(raw.substr(9, 3), &answer.status);
  std::string rest = raw.substr(head_end + 4);
  answer.body =
      absl::EqualsIgnoreCase(answer.Header("Transfer-Encoding"), "chunked")
          ? Dechunk(rest)
          : rest;
  return answer;
}

HttpAnswer CallerKeysTest::HttpChat(int replica, const std::string& key,
                                    const std::string& model) {
  return Http(
      replica, "POST", "/v1/chat/completions", key,
      absl::StrCat(R"({"model":")", model,
                   R"(","messages":[{"role":"user","content":"Hi"}]})"));
}

std::vector<std::string> CallerKeysTest::AllLogs() const {
  std::vector<std::string> lines;
  for (const auto& replica : replicas_) {
    for (std::string& line : replica->Logs()) lines.push_back(std::move(line));
  }
  return lines;
}

v1::KeyPolicy Policy(const std::string& name,
                     const std::vector<std::string>& models, int64_t rpm,
                     int64_t tpm, double budget_usd) {
  v1::KeyPolicy policy;
  policy.set_name(name);
  for (const std::string& model : models) policy.add_models(model);
  policy.set_rpm(rpm);
  policy.set_tpm(tpm);
  policy.set_budget_usd(budget_usd);
  return policy;
}

int RetryAfterSeconds(const grpc::ClientContext& context) {
  const auto& trailers = context.GetServerTrailingMetadata();
  auto it = trailers.find("retry-after");
  int seconds = -1;
  if (it == trailers.end() ||
      !absl::SimpleAtoi(absl::string_view(it->second.data(), it->second.size()),
                        &seconds)) {
    return -1;
  }
  return seconds;
}

int CallerKeysOneReplicaTest::ChatRequestsUpstream() const {
  int n = 0;
  for (const RecordedRequest& r : upstream_.requests()) {
    n += absl::EndsWith(r.path, "/chat/completions");
  }
  return n;
}

void CallerKeysOneReplicaTest::ExpectExhausted(const std::string& key,
                                               const std::string& limit,
                                               const std::string& http_code,
                                               int max_retry_after) {
  const int n = replicas_.size();
  auto context = KeyContext(key);
  grpc::Status unary = Chat(0, key, "openai/gpt-4o", nullptr, context.get());
  EXPECT_EQ(unary.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(unary.error_message(), ::testing::HasSubstr(limit));
  EXPECT_GE(RetryAfterSeconds(*context), 1);
  EXPECT_LE(RetryAfterSeconds(*context), max_retry_after);
  grpc::Status stream = Stream(1 % n, key);
  EXPECT_EQ(stream.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(stream.error_message(), ::testing::HasSubstr(limit));
  HttpAnswer http = HttpChat(2 % n, key);
  EXPECT_EQ(http.status, 429) << http.body;
  EXPECT_EQ(http.ErrorField("code"), http_code) << http.body;
  int retry_after = 0;
  EXPECT_TRUE(absl::SimpleAtoi(http.Header("Retry-After"), &retry_after))
      << http.head;
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, max_retry_after);
}

}  // namespace literllm::testing
