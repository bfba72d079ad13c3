#include "service/models/model_listing.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

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

// Gathers each provider's answer in its slot and answers once, when the
// last one arrives or the listing is cancelled.
class Gathering final : public ModelListing {
 public:
  // `aliases` are listed after the providers' models: all of them, or those
  // whose first target is provider `only` when it is not empty.
  Gathering(const SecretRedactor& redactor, std::vector<const Provider*> asked,
            const std::vector<ModelAlias>& aliases, std::string only, Done done)
      : redactor_(redactor),
        asked_(std::move(asked)),
        aliases_(aliases),
        only_(std::move(only)),
        slots_(asked_.size()),
        done_(std::move(done)),
        pending_(asked_.size()) {}

  const std::vector<const Provider*>& asked() const { return asked_; }

  // Stores the i-th provider's models; the last one answers.
  void Listed(size_t i, const ModelCatalog::Models& models) {
    Done done;
    {
      absl::MutexLock lock(&mu_);
      if (!done_) return;
      slots_[i] = models;
      if (--pending_ > 0) return;
      done = std::move(done_);
      done_ = nullptr;
    }
    done(Assemble());
  }

  void Cancel() override { AnswerNow(absl::CancelledError("cancelled")); }

  // Answers at once when no provider needs asking.
  void AnswerIfNothingToAsk() {
    if (asked_.empty()) AnswerNow(absl::OkStatus());
  }

 private:
  void AnswerNow(absl::Status status) {
    Done done;
    {
      absl::MutexLock lock(&mu_);
      if (!done_) return;
      done = std::move(done_);
      done_ = nullptr;
    }
    if (status.ok()) {
      done(Assemble());
    } else {
      done(std::move(status));
    }
  }

  // Provider by provider in the registry's order, then the aliases. Runs
  // once, after the last slot was filled (or with none to fill).
  v1::ListModelsResponse Assemble() {
    absl::MutexLock lock(&mu_);
    v1::ListModelsResponse response;
    response.set_object("list");
    for (size_t i = 0; i < asked_.size(); ++i) {
      const ProviderConfig& config = asked_[i]->config();
      if (slots_[i].ok()) {
        for (const v1::Model& model : *slots_[i]) *response.add_data() = model;
      } else if (!absl::IsUnimplemented(slots_[i].status()) ||
                 config.models.empty()) {
        v1::ProviderError* error = response.add_errors();
        error->set_provider(config.name);
        error->set_message(redactor_.Redact(slots_[i].status().message()));
      }
      for (const std::string& model : config.models) {
        *response.add_data() = ConfiguredModel(config, model);
      }
    }
    for (const ModelAlias& alias : aliases_) {
      v1::Model model = AliasModel(alias);
      if (only_.empty() || model.provider() == only_) {
        *response.add_data() = std::move(model);
      }
    }
    return response;
  }

  const SecretRedactor& redactor_;
  const std::vector<const Provider*> asked_;
  const std::vector<ModelAlias>& aliases_;
  const std::string only_;

  absl::Mutex mu_;
  std::vector<ModelCatalog::Models> slots_ ABSL_GUARDED_BY(mu_);
  Done done_ ABSL_GUARDED_BY(mu_);  // null once answered
  size_t pending_ ABSL_GUARDED_BY(mu_);
};

std::shared_ptr<ModelListing> StartGathering(
    const ProviderRegistry& providers, ModelCatalog& catalog,
    const SecretRedactor& redactor, std::optional<std::string> provider,
    ModelListing::Done done) {
  std::vector<const Provider*> asked;
  for (const Provider* p : providers.providers()) {
    if (provider.has_value() ? p->config().name == *provider
                             : p->config().listed) {
      asked.push_back(p);
    }
  }
  if (provider.has_value() && asked.empty()) {
    done(absl::InvalidArgumentError(
        absl::StrCat("provider: '", *provider, "' is not configured")));
    return nullptr;
  }
  auto gathering = std::make_shared<Gathering>(
      redactor, std::move(asked), providers.aliases(), provider.value_or(""),
      std::move(done));
  // A cached listing answers at once, on this thread.
  for (size_t i = 0; i < gathering->asked().size(); ++i) {
    catalog.Get(*gathering->asked()[i],
                [gathering, i](const ModelCatalog::Models& models) {
                  gathering->Listed(i, models);
                });
  }
  gathering->AnswerIfNothingToAsk();
  return gathering;
}

// A listing behind the policies' admission, filtered by what they show.
class AdmittedListing final
    : public ModelListing,
      public std::enable_shared_from_this<AdmittedListing> {
 public:
  AdmittedListing(const PolicyChain& policies, CallContext context)
      : policies_(policies), context_(std::move(context)) {
    context_.cancelled = &cancelled_;
  }

  void Start(const ProviderRegistry& providers, ModelCatalog& catalog,
             const SecretRedactor& redactor,
             std::optional<std::string> provider, Done done) {
    // The chain may answer on another thread; `self` keeps the context
    // alive until it does.
    policies_.AdmitListing(
        context_, [self = shared_from_this(), &providers, &catalog, &redactor,
                   provider = std::move(provider),
                   done = std::move(done)](absl::Status status) mutable {
          if (!status.ok() || self->cancelled_.load()) {
            done(status.ok() ? absl::CancelledError("listing cancelled")
                             : std::move(status));
            return;
          }
          std::shared_ptr<ModelListing> inner = StartGathering(
              providers, catalog, redactor, std::move(provider),
              [self, done = std::move(done)](
                  absl::StatusOr<v1::ListModelsResponse> listed) {
                if (listed.ok()) self->Filter(*listed);
                done(std::move(listed));
              });
          absl::MutexLock lock(&self->mu_);
          self->inner_ = std::move(inner);
          if (self->cancelled_.load() && self->inner_ != nullptr) {
            self->inner_->Cancel();
          }
        });
  }

  void Cancel() override {
    cancelled_.store(true);
    std::shared_ptr<ModelListing> inner;
    {
      absl::MutexLock lock(&mu_);
      inner = inner_;
    }
    if (inner != nullptr) inner->Cancel();
  }

 private:
  void Filter(v1::ListModelsResponse& listed) const {
    auto* data = listed.mutable_data();
    data->erase(std::remove_if(data->begin(), data->end(),
                               [this](const v1::Model& model) {
                                 return !policies_.Shows(context_, model.id());
                               }),
                data->end());
  }

  const PolicyChain& policies_;
  CallContext context_;
  std::atomic<bool> cancelled_{false};
  absl::Mutex mu_;
  std::shared_ptr<ModelListing> inner_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

std::shared_ptr<ModelListing> ModelListing::Start(
    const PolicyChain& policies, CallContext context,
    const ProviderRegistry& providers, ModelCatalog& catalog,
    const SecretRedactor& redactor, std::optional<std::string> provider,
    Done done) {
  auto listing =
      std::make_shared<AdmittedListing>(policies, std::move(context));
  listing->Start(providers, catalog, redactor, std::move(provider),
                 std::move(done));
  return listing;
}

}  // namespace literllm
