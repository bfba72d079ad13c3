// How the rendered manifests wire the gateway's telemetry: Prometheus scrape
// annotations on the pods that point at the HTTP port, ServiceMonitors that
// scrape each pod once through a Service port that reaches it, the OTLP
// settings from an optional ConfigMap, egress to a collector, and the
// Grafana dashboard ConfigMap identical to deploy/grafana's file.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Describe } from "./schemas.mjs";
import { Matches, Of, PodLabels } from "./k8s_objects.mjs";

export const kCollectorPort = 4318;  // OTLP/HTTP
export const kMetricsPath = "/metrics";
// Set from the ConfigMap, so a cluster names its collector without editing
// the Deployment.
export const kOtelFromConfigMap = [
  "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_SERVICE_NAME",
  "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_SDK_DISABLED",
];
// Credentials come from the Secret (envFrom); prompt capture from a
// reviewed overlay: neither from a literal or a ConfigMap.
const kOtelNotFromConfigMap = ["OTEL_EXPORTER_OTLP_HEADERS", "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"];

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const kDashboardFile = "deploy/grafana/literllm-dashboard.json";

// The container port (number) that `port` (a number or a port name) means.
function ContainerPort(container, port) {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port ?? "")) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

// prometheus.io/scrape, /port (the container's http port), /path.
function CheckAnnotations(deployment, container, problems) {
  const annotations = deployment.spec?.template?.metadata?.annotations ?? {};
  const http = container.ports?.find((p) => p.name === "http")?.containerPort;
  if (annotations["prometheus.io/scrape"] !== "true") problems.push("pod: prometheus.io/scrape is not \"true\"");
  if (http === undefined || annotations["prometheus.io/port"] !== String(http)) {
    problems.push(`pod: prometheus.io/port '${annotations["prometheus.io/port"]}' is not the http container port ${http}`);
  }
  if (annotations["prometheus.io/path"] !== kMetricsPath) {
    problems.push(`pod: prometheus.io/path '${annotations["prometheus.io/path"]}' is not ${kMetricsPath}`);
  }
}

// Each OTEL_* setting from one ConfigMap, by its own name, optional.
function CheckOtelEnv(container, problems) {
  const where = `container ${container.name}`;
  const maps = new Set();
  for (const name of kOtelFromConfigMap) {
    const ref = container.env?.find((e) => e.name === name)?.valueFrom?.configMapKeyRef;
    if (!ref || ref.key !== name || ref.optional !== true) {
      problems.push(`${where}: env ${name} is not from an optional configMapKeyRef with key ${name}`);
    } else {
      maps.add(ref.name);
    }
  }
  if (maps.size > 1) problems.push(`${where}: OTEL_* settings from several ConfigMaps: ${[...maps].join(", ")}`);
  for (const name of kOtelNotFromConfigMap) {
    const entry = container.env?.find((e) => e.name === name);
    if (entry && (entry.value !== undefined || entry.valueFrom?.configMapKeyRef)) {
      problems.push(`${where}: env ${name} from a literal or a ConfigMap`);
    }
  }
}

// The Services a ServiceMonitor selects in its namespace(s).
function SelectedServices(monitor, objects) {
  const namespaces = monitor.spec?.namespaceSelector?.any
    ? null
    : monitor.spec?.namespaceSelector?.matchNames ?? [monitor.metadata?.namespace];
  return Of(objects, "Service").filter((s) =>
    (namespaces === null || namespaces.includes(s.metadata?.namespace)) &&
    Matches(monitor.spec?.selector?.matchLabels, s.metadata?.labels));
}

// Each ServiceMonitor selects one Service of the pods (each pod scraped
// once) and scrapes /metrics on a Service port that reaches the http port.
function CheckServiceMonitors(deployment, container, objects, problems) {
  const labels = PodLabels(deployment);
  const http = container.ports?.find((p) => p.name === "http")?.containerPort;
  for (const monitor of Of(objects, "ServiceMonitor")) {
    const where = Describe(monitor);
    const services = SelectedServices(monitor, objects).filter((s) => Matches(s.spec?.selector, labels));
    if (services.length !== 1) {
      problems.push(`${where}: selects ${services.length} Services of the gateway's pods (${services.map(Describe).join(", ")}); want exactly one`);
      continue;
    }
    const endpoints = monitor.spec?.endpoints ?? [];
    if (endpoints.length === 0) problems.push(`${where}: no endpoints`);
    for (const endpoint of endpoints) {
      const port = services[0].spec?.ports?.find((p) => p.name === endpoint.port);
      if (!port) {
        problems.push(`${where}: endpoint port '${endpoint.port}' is no port name of ${Describe(services[0])}`);
      } else if (ContainerPort(container, port.targetPort ?? port.port) !== http) {
        problems.push(`${where}: endpoint port '${endpoint.port}' does not reach the http container port ${http}`);
      }
      if ((endpoint.path ?? kMetricsPath) !== kMetricsPath) problems.push(`${where}: path '${endpoint.path}' is not ${kMetricsPath}`);
    }
  }
}

// Egress to a collector on 4318 (when egress is restricted at all).
function CheckCollectorEgress(policy, problems) {
  if (!policy?.spec?.policyTypes?.includes("Egress")) return;
  const ports = (policy.spec.egress ?? []).flatMap((r) => (r.ports ?? []).map((p) => p.port));
  if (!ports.includes(kCollectorPort)) problems.push(`${Describe(policy)}: no egress to an OTLP collector on ${kCollectorPort}`);
}

// A grafana_dashboard ConfigMap holds deploy/grafana's dashboard, unchanged.
function CheckDashboardMaps(objects, problems) {
  const expected = fs.readFileSync(path.join(repo, kDashboardFile), "utf8");
  for (const map of Of(objects, "ConfigMap").filter((m) => m.metadata?.labels?.grafana_dashboard !== undefined)) {
    const files = Object.entries(map.data ?? {});
    if (files.length !== 1 || files[0][1] !== expected) {
      problems.push(`${Describe(map)}: not exactly ${kDashboardFile}`);
    }
  }
}

// Every telemetry property, for the gateway `deployment` and its
// NetworkPolicy `policy` among `objects`.
export function CheckObservability(deployment, policy, objects, problems) {
  const container = deployment.spec?.template?.spec?.containers?.[0] ?? {};
  CheckAnnotations(deployment, container, problems);
  CheckOtelEnv(container, problems);
  CheckServiceMonitors(deployment, container, objects, problems);
  CheckCollectorEgress(policy, problems);
  CheckDashboardMaps(objects, problems);
}
