#include "service/grpc/list_models_reactor.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "service/models/model_catalog.h"

namespace literllm {
namespace {

v1::Model ConfiguredModel(const ProviderConfig& config,
                          const std::string& model) {
  v1::Model out;
  out.set_id(absl::StrCat(config.name, "/", model));
  out.set_object("model");
  out.set_provider(config.name);
  return out;
}

v1::Model AliasModel(const ModelAlias& alias) {
  v1::Model out;
  out.set_id(alias.name);
  out.set_object("model");
  const std::string& first = alias.targets.front();
  out.set_provider(first.substr(0, first.find('/')));
  for (const std::string& target : alias.targets) out.add_alias_for(target);
  return out;
}

}  // namespace

// Gathers each provider's answer in its slot and finishes the call once,
// when the last one arrives or the call is cancelled.
class ListModelsReactor::Answer {
 public:
  // `aliases` are listed after the providers' models: all of them, or those
  // whose first target is provider `only` when it is not empty.
  Answer(ListModelsReactor* reactor, v1::ListModelsResponse* response,
         const SecretRedactor& redactor, std::vector<const Provider*> asked,
         const std::vector<ModelAlias>& aliases, absl::string_view only)
      : redactor_(redactor),
        asked_(std::move(asked)),
        aliases_(aliases),
        only_(only),
        slots_(asked_.size()),
        reactor_(reactor),
        response_(response),
        pending_(asked_.size()) {}

  const std::vector<const Provider*>& asked() const { return asked_; }

  // Stores the i-th provider's models; the last one finishes the call.
  void Listed(size_t i, const ModelCatalog::Models& models) {
    absl::MutexLock lock(&mu_);
    if (reactor_ == nullptr) return;
    slots_[i] = models;
    if (--pending_ == 0) FinishLocked(grpc::Status::OK);
  }

  void Cancel() {
    absl::MutexLock lock(&mu_);
    if (reactor_ != nullptr) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled"));
    }
  }

  // Finishes at once when no provider needs asking.
  void FinishIfNothingToAsk() {
    absl::MutexLock lock(&mu_);
    if (asked_.empty() && reactor_ != nullptr) FinishLocked(grpc::Status::OK);
  }

 private:
  void FinishLocked(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (status.ok()) Assemble();
    ListModelsReactor* reactor = reactor_;
    reactor_ = nullptr;  // the response belongs to gRPC again
    reactor->Finish(std::move(status));
  }

  // Provider by provider in the registry's order, then the aliases.
  void Assemble() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    response_->set_object("list");
    for (size_t i = 0; i < asked_.size(); ++i) {
      const ProviderConfig& config = asked_[i]->config();
      if (slots_[i].ok()) {
        for (const v1::Model& model : *slots_[i])
          *response_->add_data() = model;
      } else if (!absl::IsUnimplemented(slots_[i].status()) ||
                 config.models.empty()) {
        v1::ProviderError* error = response_->add_errors();
        error->set_provider(config.name);
        error->set_message(redactor_.Redact(slots_[i].status().message()));
      }
      for (const std::string& model : config.models) {
        *response_->add_data() = ConfiguredModel(config, model);
      }
    }
    for (const ModelAlias& alias : aliases_) {
      v1::Model model = AliasModel(alias);
      if (only_.empty() || model.provider() == only_) {
        *response_->add_data() = std::move(model);
      }
    }
  }

  const SecretRedactor& redactor_;
  const std::vector<const Provider*> asked_;
  const std::vector<ModelAlias>& aliases_;
  const std::string only_;

  absl::Mutex mu_;
  std::vector<ModelCatalog::Models> slots_ ABSL_GUARDED_BY(mu_);
  ListModelsReactor* reactor_ ABSL_GUARDED_BY(mu_);  // null once finished
  v1::ListModelsResponse* const response_;
  size_t pending_ ABSL_GUARDED_BY(mu_);
};

ListModelsReactor::ListModelsReactor(const ProviderRegistry& providers,
                                     ModelCatalog& catalog,
                                     const SecretRedactor& redactor,
                                     grpc::CallbackServerContext* context,
                                     const v1::ListModelsRequest* request,
                                     v1::ListModelsResponse* response) {
  std::vector<const Provider*> asked;
  for (const Provider* provider : providers.providers()) {
    if (request->has_provider() ? provider->config().name == request->provider()
                                : provider->config().listed) {
      asked.push_back(provider);
    }
  }
  if (request->has_provider() && asked.empty()) {
    Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("provider: '", request->provider(),
                                     "' is not configured")));
    return;
  }
  std::shared_ptr<Answer> answer = std::make_shared<Answer>(
      this, response, redactor, std::move(asked),
      providers.aliases(), request->provider());
  answer_ = answer;
  // A cached listing answers at once, on this thread.
  for (size_t i = 0; i < answer->asked().size(); ++i) {
    catalog.Get(*answer->asked()[i],
                        [answer, i](const ModelCatalog::Models& models) {
                          answer->Listed(i, models);
                        });
  }
  answer->FinishIfNothingToAsk();
}

ListModelsReactor::~ListModelsReactor() = default;

void ListModelsReactor::OnCancel() {
  if (answer_ != nullptr) answer_->Cancel();
}

}  // namespace literllm
