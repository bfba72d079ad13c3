#ifndef LITERLLM_SERVICE_MODELS_MODEL_CATALOG_H_
#define LITERLLM_SERVICE_MODELS_MODEL_CATALOG_H_

#include <functional>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "literllm/v1/llm_service.pb.h"
#include "providers/http/transport.h"
#include "providers/provider.h"

namespace literllm {

// The models each provider lists at its model-listing endpoint, cached: a
// listing is fetched at most once per `cache_ttl`, by one transfer however
// many callers ask meanwhile, and each fetch is bounded by `timeout`.
// Failures are not cached. Thread-safe; must outlive no transport: declare
// it before the transport it uses, whose shutdown completes every fetch.
class ModelCatalog {
 public:
  using Models = absl::StatusOr<std::vector<v1::Model>>;
  // Runs on the caller's thread when the listing is cached, else on the
  // transport's thread. Must not block.
  using Done = std::function<void(const Models&)>;

  ModelCatalog(HttpTransport& transport, absl::Duration cache_ttl,
               absl::Duration timeout);
  ~ModelCatalog();

  // Calls `done` once with `provider`'s listed models, or why they could not
  // be listed (UNIMPLEMENTED, saying what to configure, when the provider has
  // no listing endpoint).
  void Get(const Provider& provider, Done done);

 private:
  class Fetch;
  struct Entry {
    std::vector<v1::Model> models;
    absl::Time fetched_at = absl::InfinitePast();
    std::vector<Done> waiters;     // non-empty while a fetch runs
    std::unique_ptr<Fetch> fetch;  // the last fetch, kept until the next
  };

  // Called by a Fetch when it completes, on the transport's thread.
  void Fetched(const Provider& provider, Models models);

  HttpTransport& transport_;
  const absl::Duration cache_ttl_;
  const absl::Duration timeout_;

  absl::Mutex mu_;
  absl::flat_hash_map<const Provider*, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace literllm

#endif  // LITERLLM_SERVICE_MODELS_MODEL_CATALOG_H_
