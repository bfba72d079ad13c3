// The telemetry wiring of the rendered overlays (observability_checks.mjs),
// each property broken on purpose and reported: scrape annotations, OTEL_*
// from the optional ConfigMap, egress to a collector (prod overlay); the
// ServiceMonitor and the dashboard ConfigMap (prometheus-operator overlay).
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { container, env, ExpectReported, gateway, kind, port } from "./mutations.mjs";
import { LoadObjects, SchemaProblems } from "./schemas.mjs";

const dir = process.env.LITERLLM_RENDERED_DIR;
assert.ok(dir, "LITERLLM_RENDERED_DIR is not set: run k8s_manifests_test.sh");
const annotations = (o) => gateway(o).spec.template.metadata.annotations;

const kMutations = [
  ["scrape off", /prometheus.io\/scrape is not "true"/, (o) => { annotations(o)["prometheus.io/scrape"] = "false"; }],
  ["no scrape annotations", /prometheus.io\/scrape is not "true"/, (o) => { delete gateway(o).spec.template.metadata.annotations; }],
  ["scrape on the gRPC port", /prometheus.io\/port '50051' is not the http container port 8080/, (o) => {
    annotations(o)["prometheus.io/port"] = "50051";
  }],
  ["http port moved, scrape port not", /prometheus.io\/port '8080' is not the http container port 8081/, (o) => {
    port(container(o).ports, "http").containerPort = 8081;
  }],
  ["scrape path", /prometheus.io\/path '\/stats' is not \/metrics/, (o) => { annotations(o)["prometheus.io/path"] = "/stats"; }],
  ["collector endpoint literal", /OTEL_EXPORTER_OTLP_ENDPOINT is not from an optional configMapKeyRef/, (o) => {
    env(o, "OTEL_EXPORTER_OTLP_ENDPOINT").value = "http://collector:4318";
    delete env(o, "OTEL_EXPORTER_OTLP_ENDPOINT").valueFrom;
  }],
  ["OTEL ConfigMap required", /OTEL_SERVICE_NAME is not from an optional configMapKeyRef/, (o) => {
    env(o, "OTEL_SERVICE_NAME").valueFrom.configMapKeyRef.optional = false;
  }],
  ["OTEL setting under another key", /OTEL_TRACES_SAMPLER is not from an optional configMapKeyRef with key/, (o) => {
    env(o, "OTEL_TRACES_SAMPLER").valueFrom.configMapKeyRef.key = "sampler";
  }],
  ["no sampler setting", /OTEL_TRACES_SAMPLER_ARG is not from/, (o) => {
    container(o).env = container(o).env.filter((e) => e.name !== "OTEL_TRACES_SAMPLER_ARG");
  }],
  ["OTEL settings from two ConfigMaps", /OTEL_\* settings from several ConfigMaps/, (o) => {
    env(o, "OTEL_SERVICE_NAME").valueFrom.configMapKeyRef.name = "other-otel";
  }],
  ["collector credentials in a ConfigMap", /OTEL_EXPORTER_OTLP_HEADERS from a literal or a ConfigMap/, (o) => {
    container(o).env.push({ name: "OTEL_EXPORTER_OTLP_HEADERS",
      valueFrom: { configMapKeyRef: { name: "literllm-otel", key: "OTEL_EXPORTER_OTLP_HEADERS", optional: true } } });
  }],
  ["prompt capture as a literal", /OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT from a literal/, (o) => {
    container(o).env.push({ name: "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", value: "true" });
  }],
  ["no egress to a collector", /NetworkPolicy\/literllm: no egress to an OTLP collector on 4318/, (o) => {
    const spec = kind(o, "NetworkPolicy").spec;
    spec.egress = spec.egress.filter((r) => !r.ports.some((p) => p.port === 4318));
  }],
];

// Each mutation of the prometheus-operator overlay breaks its scraping or
// its dashboard.
const monitor = (o) => kind(o, "ServiceMonitor");
const endpoint = (o) => monitor(o).spec.endpoints[0];
const dashboardMap = (o) => o.find((x) => x.kind === "ConfigMap" && x.metadata.labels?.grafana_dashboard);

const kMonitorMutations = [
  ["selects both Services", /ServiceMonitor\/literllm: selects 2 Services of the gateway's pods/, (o) => {
    delete monitor(o).spec.selector.matchLabels["literllm-metrics"];
  }],
  ["selects no Service", /ServiceMonitor\/literllm: selects 0 Services/, (o) => {
    monitor(o).spec.selector.matchLabels["literllm-metrics"] = "false";
  }],
  ["in another namespace", /ServiceMonitor\/literllm: selects 0 Services/, (o) => {
    monitor(o).metadata.namespace = "monitoring";
  }],
  ["endpoint port renamed", /endpoint port 'metrics' is no port name of Service\/literllm/, (o) => { endpoint(o).port = "metrics"; }],
  ["endpoint on the gRPC port", /endpoint port 'grpc' does not reach the http container port 8080/, (o) => {
    endpoint(o).port = "grpc";
  }],
  ["Service http port to the gRPC port", /endpoint port 'http' does not reach the http container port/, (o) => {
    port(kind(o, "Service", "literllm").spec.ports, "http").targetPort = 50051;
  }],
  ["endpoint path", /ServiceMonitor\/literllm: path '\/stats' is not \/metrics/, (o) => { endpoint(o).path = "/stats"; }],
  ["no endpoints", /ServiceMonitor\/literllm: no endpoints/, (o) => { monitor(o).spec.endpoints = []; }],
  ["dashboard edited in the ConfigMap", /ConfigMap\/literllm-dashboard: not exactly deploy\/grafana\/literllm-dashboard.json/, (o) => {
    const data = dashboardMap(o).data;
    data[Object.keys(data)[0]] += " ";
  }],
];

describe("the prometheus-operator overlay scrapes every pod once and ships the dashboard", () => {
  const objects = LoadObjects(path.join(dir, "prometheus-operator.yaml"));
  it("a ServiceMonitor on the http port's /metrics, the dashboard in a grafana_dashboard ConfigMap", () => {
    assert.deepEqual(monitor(objects).spec.endpoints.map((e) => [e.port, e.path]), [["http", "/metrics"]]);
    const data = dashboardMap(objects).data;
    assert.deepEqual(Object.keys(data), ["literllm-dashboard.json"]);
    assert.equal(JSON.parse(data["literllm-dashboard.json"]).uid, "literllm-gateway");
  });
  ExpectReported(objects, kMonitorMutations);
  it("a schema violation (numeric endpoint port)", () => {
    const broken = structuredClone(objects);
    endpoint(broken).port = 8080;
    assert.match(SchemaProblems(broken).join("\n"), /port must be string/);
  });
});

describe("each broken telemetry property is reported (prod overlay)", () => {
  ExpectReported(LoadObjects(path.join(dir, "prod.yaml")), kMutations);
});
