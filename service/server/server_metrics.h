#ifndef LITERLLM_SERVICE_SERVER_SERVER_METRICS_H_
#define LITERLLM_SERVICE_SERVER_SERVER_METRICS_H_

#include <functional>

#include "service/metrics/metrics_registry.h"
#include "service/routing/deployment_balancer.h"

namespace literllm {

// The server's metrics whose values live elsewhere, read at each scrape:
//   literllm_circuit_open{provider,deployment}  1 while an alias deployment
//       rests after failures (or its one probe is in flight), else 0
//   literllm_spans_dropped_total                spans the trace exporter
//       dropped (`spans_dropped`)
// `balancer` outlives the registry's scrapes; `spans_dropped` may be called
// on any HTTP thread.
void AddServerMetrics(MetricsRegistry& registry,
                      const DeploymentBalancer& balancer,
                      std::function<double()> spans_dropped);

}  // namespace literllm

#endif  // LITERLLM_SERVICE_SERVER_SERVER_METRICS_H_
