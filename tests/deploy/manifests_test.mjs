// Every rendered overlay (LITERLLM_RENDERED_DIR/<overlay>.yaml, written by
// k8s_manifests_test.sh) passes the Kubernetes schemas and the properties of
// manifest_checks.mjs; and each property, broken on purpose, is reported.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { CheckManifests } from "./manifest_checks.mjs";
import { LoadObjects, SchemaProblems } from "./schemas.mjs";

const dir = process.env.LITERLLM_RENDERED_DIR;
assert.ok(dir, "LITERLLM_RENDERED_DIR is not set: run k8s_manifests_test.sh");
const overlays = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
assert.ok(overlays.length >= 2, `expected the dev and prod overlays in ${dir}`);

for (const file of overlays) {
  describe(`overlay ${path.basename(file, ".yaml")}`, () => {
    const objects = LoadObjects(path.join(dir, file));
    it("every object passes its Kubernetes schema", () => {
      assert.deepEqual(SchemaProblems(objects), []);
    });
    it("has every deployment property", () => {
      assert.deepEqual(CheckManifests(objects), []);
    });
  });
}

// Each mutation breaks one property; the checks must name it.
const kind = (objects, k, name) =>
  objects.find((o) => o.kind === k && (name === undefined || o.metadata.name === name));
const container = (objects) => kind(objects, "Deployment").spec.template.spec.containers[0];
const env = (objects, name) => container(objects).env.find((e) => e.name === name);
const without = (objects, k, name) => objects.filter((o) => o !== kind(objects, k, name));
const port = (ports, name) => ports.find((p) => p.name === name);
const withoutPort = (ports, name) => ports.filter((p) => p.name !== name);
const ingressPorts = (o) => kind(o, "NetworkPolicy").spec.ingress[0].ports;

const kMutations = [
  ["grpc port renamed", /grpc port/, (o) => { port(container(o).ports, "grpc").name = "rpc"; }],
  ["http port renamed", /no http port 8080/, (o) => { port(container(o).ports, "http").name = "web"; }],
  ["http port moved", /no http port 8080/, (o) => { port(container(o).ports, "http").containerPort = 8081; }],
  ["http port over UDP", /no http port 8080/, (o) => { port(container(o).ports, "http").protocol = "UDP"; }],
  ["no http port", /no http port 8080/, (o) => { container(o).ports = withoutPort(container(o).ports, "http"); }],
  ["HTTP front off", /LITERLLM_HTTP_LISTEN '' is not 0.0.0.0:8080/, (o) => { env(o, "LITERLLM_HTTP_LISTEN").value = ""; }],
  ["HTTP front on loopback", /LITERLLM_HTTP_LISTEN '127.0.0.1:8080'/, (o) => {
    env(o, "LITERLLM_HTTP_LISTEN").value = "127.0.0.1:8080";
  }],
  ["HTTP front on another port", /LITERLLM_HTTP_LISTEN '0.0.0.0:9090'/, (o) => {
    env(o, "LITERLLM_HTTP_LISTEN").value = "0.0.0.0:9090";
  }],
  ["gRPC front on loopback", /LITERLLM_LISTEN '127.0.0.1:50051'/, (o) => { env(o, "LITERLLM_LISTEN").value = "127.0.0.1:50051"; }],
  ["readiness over TCP", /readinessProbe is not a native grpc/, (o) => {
    container(o).readinessProbe = { tcpSocket: { port: 50051 } };
  }],
  ["liveness over exec", /livenessProbe is not a native grpc/, (o) => {
    container(o).livenessProbe = { exec: { command: ["/bin/true"] } };
  }],
  ["root allowed", /runAsNonRoot/, (o) => {
    kind(o, "Deployment").spec.template.spec.securityContext.runAsNonRoot = false;
  }],
  ["writable root", /readOnlyRootFilesystem/, (o) => { container(o).securityContext.readOnlyRootFilesystem = false; }],
  ["privilege escalation", /allowPrivilegeEscalation/, (o) => { container(o).securityContext.allowPrivilegeEscalation = true; }],
  ["capabilities kept", /drop ALL/, (o) => { container(o).securityContext.capabilities.drop = ["NET_RAW"]; }],
  ["no preStop", /preStop/, (o) => { delete container(o).lifecycle; }],
  ["grace too short", /terminationGracePeriodSeconds/, (o) => {
    kind(o, "Deployment").spec.template.spec.terminationGracePeriodSeconds = 30;
  }],
  ["shutdown grace above the pod's", /terminationGracePeriodSeconds/, (o) => { env(o, "LITERLLM_SHUTDOWN_GRACE").value = "5m"; }],
  ["no limits", /resources.limits/, (o) => { delete container(o).resources.limits; }],
  ["literal key", /OPENAI_API_KEY has a literal value/, (o) => {
    container(o).env.push({ name: "OPENAI_API_KEY", value: "sk-proj-abcdefghijklmnop1234" });
  }],
  ["key from a ConfigMap", /envFrom other than secretRef/, (o) => {
    container(o).envFrom.push({ configMapRef: { name: "keys" } });
  }],
  ["optional Secret", /optional: false/, (o) => { container(o).envFrom[0].secretRef.optional = true; }],
  ["key in the config file", /looks like a provider key/, (o) => {
    const map = kind(o, "ConfigMap");
    const file = Object.keys(map.data)[0];
    map.data[file] += "\n# sk-ant-api03-abcdefghijklmnopqrstuvwxyz\n";
  }],
  ["Secret in the manifests", /a Secret is rendered/, (o) => {
    o.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "keys", namespace: kind(o, "Deployment").metadata.namespace } });
  }],
  ["no headless Service", /no headless Service/, (o) => without(o, "Service", "literllm-headless")],
  ["headless gets an IP", /no headless Service/, (o) => { delete kind(o, "Service", "literllm-headless").spec.clusterIP; }],
  ["no plain Service", /no plain ClusterIP Service/, (o) => without(o, "Service", "literllm")],
  ["Service port unnamed", /no port named grpc/, (o) => { kind(o, "Service", "literllm").spec.ports[0].name = "tcp"; }],
  ["Service without http", /Service\/literllm: no port named http/, (o) => {
    const spec = kind(o, "Service", "literllm").spec;
    spec.ports = withoutPort(spec.ports, "http");
  }],
  ["headless Service without http", /Service\/literllm-headless: no port named http/, (o) => {
    const spec = kind(o, "Service", "literllm-headless").spec;
    spec.ports = withoutPort(spec.ports, "http");
  }],
  ["Service http to the gRPC port", /Service\/literllm: no port named http/, (o) => {
    port(kind(o, "Service", "literllm").spec.ports, "http").targetPort = "grpc";
  }],
  ["Service http port moved", /Service\/literllm: no port named http/, (o) => {
    port(kind(o, "Service", "literllm").spec.ports, "http").port = 80;
  }],
  ["Service http as gRPC", /Service\/literllm: no port named http/, (o) => {
    port(kind(o, "Service", "literllm").spec.ports, "http").appProtocol = "grpc";
  }],
  ["no HPA", /no HorizontalPodAutoscaler/, (o) => without(o, "HorizontalPodAutoscaler")],
  ["replicas fixed", /spec.replicas/, (o) => { kind(o, "Deployment").spec.replicas = 3; }],
  ["no PDB", /no PodDisruptionBudget/, (o) => without(o, "PodDisruptionBudget")],
  ["no NetworkPolicy", /no NetworkPolicy/, (o) => without(o, "NetworkPolicy")],
  ["ingress on every port", /ingress not on 50051 and 8080 only/, (o) => { kind(o, "NetworkPolicy").spec.ingress = [{}]; }],
  ["ingress without 8080", /ingress not on 50051 and 8080 only/, (o) => {
    kind(o, "NetworkPolicy").spec.ingress[0].ports = ingressPorts(o).filter((p) => p.port !== 8080);
  }],
  ["ingress without 50051", /ingress not on 50051 and 8080 only/, (o) => {
    kind(o, "NetworkPolicy").spec.ingress[0].ports = ingressPorts(o).filter((p) => p.port !== 50051);
  }],
  ["ingress on one more port", /ingress not on 50051 and 8080 only/, (o) => {
    ingressPorts(o).push({ port: 9090, protocol: "TCP" });
  }],
  ["no max connection age", /LITERLLM_MAX_CONNECTION_AGE not set/, (o) => {
    container(o).env = container(o).env.filter((e) => e.name !== "LITERLLM_MAX_CONNECTION_AGE");
  }],
  ["config not mounted", /LITERLLM_CONFIG/, (o) => { env(o, "LITERLLM_CONFIG").value = "/etc/other/literllm.yaml"; }],
  ["token mounted", /automountServiceAccountToken/, (o) => {
    kind(o, "Deployment").spec.template.spec.automountServiceAccountToken = true;
  }],
  ["service links", /enableServiceLinks/, (o) => { delete kind(o, "Deployment").spec.template.spec.enableServiceLinks; }],
  ["latest image", /release tag/, (o) => { container(o).image = "literllm:latest"; }],
];

describe("each broken property is reported (prod overlay)", () => {
  const prod = LoadObjects(path.join(dir, "prod.yaml"));
  for (const [name, expected, mutate] of kMutations) {
    it(name, () => {
      const objects = structuredClone(prod);
      const result = mutate(objects) ?? objects;
      const problems = CheckManifests(result);
      assert.ok(problems.some((p) => expected.test(p)), `expected ${expected}, got ${JSON.stringify(problems)}`);
    });
  }
  it("a schema violation (string containerPort)", () => {
    const objects = structuredClone(prod);
    container(objects).ports[0].containerPort = "50051";
    assert.match(SchemaProblems(objects).join("\n"), /containerPort must be integer/);
  });
});
