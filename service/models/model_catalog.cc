#include "service/models/model_catalog.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "service/call/upstream_answer.h"

namespace literllm {

// One listing transfer.
class ModelCatalog::Fetch final : public HttpResponseHandler {
 public:
  Fetch(ModelCatalog* catalog, const Provider& provider, absl::Time deadline)
      : catalog_(catalog), provider_(provider), deadline_(deadline) {}

 private:
  void OnHead(const HttpResponseHead& head) override { head_ = head; }
  BodyAction OnBody(absl::string_view bytes) override {
    body_.append(bytes.data(), bytes.size());
    return BodyAction::kContinue;
  }
  void OnComplete(absl::Status status) override {
    absl::Status error =
        UpstreamError(provider_, status, head_, body_, deadline_);
    catalog_->Fetched(
        provider_, error.ok() ? provider_.model_list()->ParseListModels(body_)
                              : Models(error));
  }

  ModelCatalog* const catalog_;
  const Provider& provider_;
  const absl::Time deadline_;
  HttpResponseHead head_;
  std::string body_;
};

ModelCatalog::ModelCatalog(HttpTransport& transport, absl::Duration cache_ttl,
                           absl::Duration timeout)
    : transport_(transport), cache_ttl_(cache_ttl), timeout_(timeout) {}

ModelCatalog::~ModelCatalog() = default;

void ModelCatalog::Get(const Provider& provider, Done done) {
  if (provider.model_list() == nullptr) {
    done(absl::UnimplementedError(absl::StrCat(
        provider.config().name,
        ": has no model-listing endpoint; list its models (for Azure, its "
        "deployments) under providers.",
        provider.config().name, ".models in the config file")));
    return;
  }
  absl::StatusOr<HttpRequest> http =
      provider.model_list()->BuildListModelsRequest();
  if (!http.ok()) {
    done(http.status());
    return;
  }
  absl::Time now = absl::Now();
  Fetch* start = nullptr;
  {
    absl::ReleasableMutexLock lock(&mu_);
    Entry& entry = entries_[&provider];
    if (entry.waiters.empty() && now - entry.fetched_at < cache_ttl_) {
      Models cached = entry.models;
      lock.Release();
      done(cached);
      return;
    }
    entry.waiters.push_back(std::move(done));
    if (entry.waiters.size() > 1) return;  // a fetch is already running
    entry.fetch = std::make_unique<Fetch>(this, provider, now + timeout_);
    start = entry.fetch.get();
  }
  transport_.Start(*std::move(http), now + timeout_, start);
}

void ModelCatalog::Fetched(const Provider& provider, Models models) {
  std::vector<Done> waiters;
  {
    absl::MutexLock lock(&mu_);
    Entry& entry = entries_[&provider];
    if (models.ok()) {
      entry.models = *models;
      entry.fetched_at = absl::Now();
    }
    waiters.swap(entry.waiters);
  }
  for (Done& done : waiters) done(models);
}

}  // namespace literllm
