#include "service/list_models_reactor.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/grpc_status.h"

namespace literllm {

// One provider's listing transfer.
class ListModelsReactor::Listing final : public HttpResponseHandler {
 public:
  Listing(ListModelsReactor* owner, const Provider& provider,
          absl::Time deadline)
      : owner_(owner), provider_(provider), deadline_(deadline) {}

  const Provider& provider() const { return provider_; }

 private:
  void OnHead(const HttpResponseHead& head) override { head_ = head; }
  BodyAction OnBody(absl::string_view bytes) override {
    body_.append(bytes.data(), bytes.size());
    return BodyAction::kContinue;
  }
  void OnComplete(absl::Status status) override {
    absl::Status error =
        UpstreamError(provider_, status, head_, body_, deadline_);
    if (error.ok()) {
      owner_->ListingDone(provider_, provider_.ParseListModels(body_));
    } else {
      owner_->ListingDone(provider_, error);
    }
  }

  ListModelsReactor* const owner_;
  const Provider& provider_;
  const absl::Time deadline_;
  HttpResponseHead head_;
  std::string body_;
};

ListModelsReactor::ListModelsReactor(const Gateway& gateway,
                                     grpc::CallbackServerContext* context,
                                     const v1::ListModelsRequest* request,
                                     v1::ListModelsResponse* response)
    : gateway_(gateway), context_(context), response_(response) {
  response_->set_object("list");
  std::vector<const Provider*> providers = gateway_.providers.providers();
  if (request->has_provider()) {
    const Provider* only = gateway_.providers.Find(request->provider());
    if (only == nullptr) {
      Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("provider: '", request->provider(),
                                       "' is not configured")));
      return;
    }
    providers = {only};
  }
  absl::Time deadline =
      std::min(CallDeadline(gateway, *context), absl::Now() + kListingTimeout);
  std::vector<std::pair<Listing*, HttpRequest>> starts;
  for (const Provider* provider : providers) {
    absl::StatusOr<HttpRequest> http = provider->BuildListModelsRequest();
    if (!http.ok()) {
      if (!absl::IsUnimplemented(http.status())) {
        auto* error = response_->add_errors();
        error->set_provider(provider->config().name);
        error->set_message(gateway_.redactor.Redact(http.status().message()));
      }
      continue;
    }
    listings_.push_back(std::make_unique<Listing>(this, *provider, deadline));
    starts.emplace_back(listings_.back().get(), *std::move(http));
  }
  if (starts.empty()) {
    Finish(grpc::Status::OK);
    return;
  }
  absl::MutexLock lock(&mu_);
  pending_ = starts.size();
  for (auto& [listing, http] : starts) {
    transfers_.push_back(
        gateway_.transport.Start(std::move(http), deadline, listing));
  }
}

ListModelsReactor::~ListModelsReactor() = default;

void ListModelsReactor::OnCancel() {
  absl::MutexLock lock(&mu_);
  for (TransferId id : transfers_) gateway_.transport.Cancel(id);
}

void ListModelsReactor::ListingDone(
    const Provider& provider, absl::StatusOr<std::vector<v1::Model>> models) {
  bool last;
  {
    absl::MutexLock lock(&mu_);
    if (models.ok()) {
      for (auto& model : *models) *response_->add_data() = std::move(model);
    } else {
      auto* error = response_->add_errors();
      error->set_provider(provider.config().name);
      error->set_message(gateway_.redactor.Redact(models.status().message()));
    }
    last = --pending_ == 0;
  }
  if (last) Finish(grpc::Status::OK);
}

}  // namespace literllm
