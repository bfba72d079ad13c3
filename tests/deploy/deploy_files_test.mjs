// The files around the manifests agree with them and with the build:
// Dockerfile, package lists, gRPC service config, Grafana dashboard,
// operations guide.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { DashboardProblems, LoadDashboard } from "./dashboard.mjs";
import { GatewayDeployments } from "./k8s_objects.mjs";
import { LoadObjects } from "./schemas.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (file) => fs.readFileSync(path.join(repo, file), "utf8");
const packages = (file) =>
  read(file).split("\n").map((line) => line.replace(/#.*/, "").trim()).filter(Boolean);
const rendered = (overlay) =>
  LoadObjects(path.join(process.env.LITERLLM_RENDERED_DIR, `${overlay}.yaml`));

// The ports a Dockerfile stage EXPOSEs ("EXPOSE 50051 8080", "8080/tcp").
const exposed = (stage) =>
  [...stage.matchAll(/^EXPOSE\s+(.+)$/gm)].flatMap(([, ports]) =>
    ports.trim().split(/\s+/).map((p) => Number(p.replace(/\/tcp$/i, ""))));

// One message per way the runtime stage's EXPOSE lines and the overlay's
// container ports disagree: the image documents exactly what the pod serves.
function ExposeProblems(stage, objects) {
  const container = GatewayDeployments(objects)[0].spec.template.spec.containers[0];
  const declared = container.ports.map((p) => p.containerPort);
  const ports = exposed(stage);
  return [
    ...declared.filter((p) => !ports.includes(p)).map((p) => `container port ${p} is not EXPOSEd`),
    ...ports.filter((p) => !declared.includes(p)).map((p) => `EXPOSE ${p} is no container port`),
  ];
}

describe("deploy/Dockerfile", () => {
  const dockerfile = read("deploy/Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it("builds on debian:12 and runs on debian:12-slim", () => {
    assert.equal(stages.length, 2);
    assert.match(stages[0], /^debian:12 AS build/);
    assert.match(stages[1], /^debian:12-slim\n/);
  });
  it("installs the package lists the build script checks", () => {
    assert.match(stages[0], /COPY deploy\/build-packages\.txt[\s\S]*xargs apt-get install/);
    assert.match(stages[1], /COPY deploy\/runtime-packages\.txt[\s\S]*xargs apt-get install/);
    assert.match(stages[0], /--target literllm-server literllm/);
    assert.match(stages[0], /cmake --preset release/);
  });
  it("runs the server as the non-root user of every overlay", () => {
    const uid = Number(stages[1].match(/^USER (\d+)(:\d+)?$/m)?.[1]);
    assert.ok(uid > 0, "USER must be a numeric non-root id");
    for (const overlay of ["dev", "prod"]) {
      const pod = GatewayDeployments(rendered(overlay))[0].spec.template.spec;
      assert.equal(pod.securityContext.runAsUser, uid, `${overlay}: runAsUser`);
    }
    assert.match(stages[1], /^ENTRYPOINT \["\/usr\/local\/bin\/literllm-server"\]$/m);
  });
  it("exposes gRPC 50051 and HTTP 8080, the container ports of every overlay", () => {
    assert.deepEqual(exposed(stages[1]).sort((a, b) => a - b), [8080, 50051]);
    for (const overlay of ["dev", "prod"]) {
      assert.deepEqual(ExposeProblems(stages[1], rendered(overlay)), [], overlay);
    }
  });
  it("reports an EXPOSE that disagrees with the container ports (broken on purpose)", () => {
    const objects = rendered("prod");
    const noHttp = stages[1].replace(/^EXPOSE .*$/m, "EXPOSE 50051");
    assert.deepEqual(ExposeProblems(noHttp, objects), ["container port 8080 is not EXPOSEd"]);
    const extra = stages[1].replace(/^EXPOSE .*$/m, "$& 9090/tcp");
    assert.deepEqual(ExposeProblems(extra, objects), ["EXPOSE 9090 is no container port"]);
  });
  it("needs no probe binary (native gRPC probes)", () => {
    assert.doesNotMatch(dockerfile, /HEALTHCHECK|grpc_health_probe/);
  });
  it("builds with packages scripts/install-deps.sh installs", () => {
    const installed = read("scripts/install-deps.sh").match(/packages=\(([\s\S]*?)\)/)[1].split(/\s+/);
    const extra = packages("deploy/build-packages.txt").filter((p) => !installed.includes(p));
    assert.deepEqual(extra, []);
  });
  it("lists runtime packages that are not development packages", () => {
    const runtime = packages("deploy/runtime-packages.txt").map((p) => p.split(/\s/)[0]);
    assert.ok(runtime.includes("ca-certificates"));
    assert.deepEqual(runtime.filter((p) => p.endsWith("-dev")), []);
  });
});

describe("deploy/grpc-service-config.json", () => {
  const config = JSON.parse(read("deploy/grpc-service-config.json"));

  it("balances per call with round_robin", () => {
    assert.deepEqual(Object.keys(config.loadBalancingConfig[0]), ["round_robin"]);
  });
  it("retries UNAVAILABLE (a draining pod) a few times, with backoff", () => {
    const method = config.methodConfig.find((m) =>
      m.name.some((n) => n.service === "literllm.v1.LlmService" && n.method === undefined));
    const retry = method?.retryPolicy;
    assert.ok(retry, "no retryPolicy for literllm.v1.LlmService");
    assert.ok(retry.maxAttempts >= 2 && retry.maxAttempts <= 5, "maxAttempts from 2 to 5 (gRPC caps it at 5)");
    assert.match(retry.initialBackoff, /^\d+(\.\d+)?s$/);
    assert.match(retry.maxBackoff, /^\d+(\.\d+)?s$/);
    assert.ok(retry.backoffMultiplier > 0);
    assert.deepEqual(retry.retryableStatusCodes, ["UNAVAILABLE"]);
  });
});

// Its queries are checked against a live /metrics page by the ctest
// deploy_grafana_dashboard (dashboard_metrics_test.mjs).
describe("deploy/grafana/literllm-dashboard.json", () => {
  it("is a well-formed dashboard on the ${datasource} Prometheus", () => {
    assert.deepEqual(DashboardProblems(LoadDashboard()), []);
  });
  it("reports overlapping panels and a fixed data source (broken on purpose)", () => {
    const dashboard = LoadDashboard();
    const [a, b] = dashboard.panels.filter((p) => p.type !== "row");
    b.gridPos = { ...a.gridPos };
    b.datasource = { type: "prometheus", uid: "prod-prometheus" };
    const problems = DashboardProblems(dashboard).join("\n");
    assert.match(problems, new RegExp(`panel '${b.title}' overlaps another`));
    assert.match(problems, new RegExp(`panel '${b.title}': datasource is not`));
  });
});

describe("docs/operations.md", () => {
  const doc = read("docs/operations.md");
  it("gives the headless target and the service config", () => {
    assert.match(doc, /dns:\/\/\/literllm-headless\.<namespace>\.svc\.cluster\.local:50051/);
    assert.match(doc, /deploy\/grpc-service-config\.json/);
  });
  it("documents the HTTP front: port 8080, /healthz, /readyz, its settings", () => {
    for (const text of ["8080", "`/healthz`", "`/readyz`", "`LITERLLM_HTTP_LISTEN`",
      "`LITERLLM_HTTP_MAX_BODY_BYTES`", "`LITERLLM_HTTP_THREADS`", "--http_listen"]) {
      assert.ok(doc.includes(text), `docs/operations.md does not mention ${text}`);
    }
  });
  it("documents the access log, scraping, the dashboard and the collector's ConfigMap", () => {
    for (const text of ["## Access log", "## Dashboards and scraping", "`LITERLLM_ACCESS_LOG`", "--access_log",
      "prometheus.io/scrape", "ServiceMonitor", "overlays/prometheus-operator", "literllm-otel",
      "deploy/grafana/literllm-dashboard.json", "4318"]) {
      assert.ok(doc.includes(text), `docs/operations.md does not mention ${text}`);
    }
  });
  it("describes every LITERLLM_ setting the Deployment sets", () => {
    const container = GatewayDeployments(rendered("prod"))[0].spec.template.spec.containers[0];
    const missing = container.env.map((e) => e.name).filter((n) => n.startsWith("LITERLLM_") && !doc.includes(`\`${n}\``));
    assert.deepEqual(missing, []);
  });
});
