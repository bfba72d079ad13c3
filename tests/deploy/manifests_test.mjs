// Every rendered overlay (LITERLLM_RENDERED_DIR/<overlay>.yaml, written by
// k8s_manifests_test.sh) passes the Kubernetes schemas and the properties of
// manifest_checks.mjs; and each property, broken on purpose, is reported.
// The base (LITERLLM_RENDERED_BASE) deploys without Redis or a master key.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { GatewayDeployments, SecretValue } from "./k8s_objects.mjs";
import { CheckManifests } from "./manifest_checks.mjs";
import { container, env, ExpectReported, gateway, kind, port, without, withoutPort } from "./mutations.mjs";
import { LoadObjects, SchemaProblems } from "./schemas.mjs";

const dir = process.env.LITERLLM_RENDERED_DIR;
assert.ok(dir, "LITERLLM_RENDERED_DIR is not set: run k8s_manifests_test.sh");
const overlays = fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
assert.ok(overlays.length >= 2, `expected the dev and prod overlays in ${dir}`);
const baseFile = process.env.LITERLLM_RENDERED_BASE;
assert.ok(baseFile, "LITERLLM_RENDERED_BASE is not set: run k8s_manifests_test.sh");

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
    gateway(o).spec.template.spec.securityContext.runAsNonRoot = false;
  }],
  ["writable root", /readOnlyRootFilesystem/, (o) => { container(o).securityContext.readOnlyRootFilesystem = false; }],
  ["privilege escalation", /allowPrivilegeEscalation/, (o) => { container(o).securityContext.allowPrivilegeEscalation = true; }],
  ["capabilities kept", /drop ALL/, (o) => { container(o).securityContext.capabilities.drop = ["NET_RAW"]; }],
  ["no preStop", /preStop/, (o) => { delete container(o).lifecycle; }],
  ["grace too short", /terminationGracePeriodSeconds/, (o) => {
    gateway(o).spec.template.spec.terminationGracePeriodSeconds = 30;
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
    o.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "keys", namespace: gateway(o).metadata.namespace } });
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
  ["replicas fixed", /spec.replicas/, (o) => { gateway(o).spec.replicas = 3; }],
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
    gateway(o).spec.template.spec.automountServiceAccountToken = true;
  }],
  ["service links", /enableServiceLinks/, (o) => { delete gateway(o).spec.template.spec.enableServiceLinks; }],
  ["latest image", /release tag/, (o) => { container(o).image = "literllm:latest"; }],
  ["Redis URL literal", /LITERLLM_REDIS_URL has a literal value/, (o) => {
    env(o, "LITERLLM_REDIS_URL").value = "redis://:hunter2@redis.example.com:6379/0";
    delete env(o, "LITERLLM_REDIS_URL").valueFrom;
  }],
  ["master key literal", /LITERLLM_MASTER_KEY has a literal value/, (o) => {
    env(o, "LITERLLM_MASTER_KEY").value = "0123456789abcdef";
    delete env(o, "LITERLLM_MASTER_KEY").valueFrom;
  }],
  ["master key from a ConfigMap", /LITERLLM_MASTER_KEY is not from a secretKeyRef/, (o) => {
    env(o, "LITERLLM_MASTER_KEY").valueFrom = { configMapKeyRef: { name: "settings", key: "LITERLLM_MASTER_KEY" } };
  }],
  ["Redis URL not set", /LITERLLM_REDIS_URL is not from a secretKeyRef/, (o) => {
    container(o).env = container(o).env.filter((e) => e.name !== "LITERLLM_REDIS_URL");
  }],
  ["no egress to Redis", /egress must allow .*Redis \(6379\)/, (o) => {
    const spec = kind(o, "NetworkPolicy").spec;
    spec.egress = spec.egress.filter((r) => !r.ports.some((p) => p.port === 6379));
  }],
  ["a Deployment beside the gateway", /Deployment\/cache: runs, but LITERLLM_REDIS_URL does not point to it/, (o) => {
    o.push({ ...structuredClone(gateway(o)), metadata: { name: "cache", namespace: gateway(o).metadata.namespace } });
  }],
];

// Each mutation of the dev overlay breaks one property of its Redis.
const redis = (objects) => kind(objects, "Deployment", "redis");
const redisContainer = (objects) => redis(objects).spec.template.spec.containers[0];
const redisUrlSecret = (o) => kind(o, "Secret", env(o, "LITERLLM_REDIS_URL").valueFrom.secretKeyRef.name);
const setRedisUrl = (o, url) => { redisUrlSecret(o).data.LITERLLM_REDIS_URL = Buffer.from(url).toString("base64"); };
const redisPolicy = (o) => kind(o, "NetworkPolicy", "redis");
const gatewayRedisEgress = (o) => kind(o, "NetworkPolicy", "literllm").spec.egress.find((r) => r.ports.some((p) => p.port === 6379));

const kDevMutations = [
  ["URL to another host", /redis:\/\/cache:6379\/0: not a Service of the overlay/, (o) => { setRedisUrl(o, "redis://cache:6379/0"); }],
  ["URL to another port", /not a Service of the overlay on TCP 6379/, (o) => { setRedisUrl(o, "redis://redis:6380/0"); }],
  ["URL not a redis URL", /is not redis:\/\/\[\[user\]:password@\]host/, (o) => { setRedisUrl(o, "http://redis:6379"); }],
  ["password in the manifests", /a Secret is rendered/, (o) => { setRedisUrl(o, "redis://:hunter2@redis:6379/0"); }],
  ["another key in the URL's Secret", /a Secret is rendered/, (o) => {
    redisUrlSecret(o).data.LITERLLM_MASTER_KEY = Buffer.from("0123456789abcdef").toString("base64");
  }],
  ["URL Secret without the key", /LITERLLM_REDIS_URL: Secret\/literllm-redis-\w+ has no key/, (o) => {
    env(o, "LITERLLM_REDIS_URL").valueFrom.secretKeyRef.key = "REDIS_URL";
  }],
  ["no Redis Deployment", /not a Service of the overlay on TCP 6379 selecting one Redis Deployment/, (o) => without(o, "Deployment", "redis")],
  ["Service selects nothing", /selecting one Redis Deployment/, (o) => {
    kind(o, "Service", "redis").spec.selector = { "app.kubernetes.io/name": "valkey" };
  }],
  ["Service port moved", /not a Service of the overlay on TCP 6379/, (o) => { kind(o, "Service", "redis").spec.ports[0].port = 6380; }],
  ["Service to no container port", /no container listens on the Service's target port/, (o) => {
    kind(o, "Service", "redis").spec.ports[0].targetPort = "valkey";
  }],
  ["Redis as root", /Deployment\/redis pod: not runAsNonRoot/, (o) => { redis(o).spec.template.spec.securityContext.runAsUser = 0; }],
  ["Redis writable root", /container redis: readOnlyRootFilesystem/, (o) => {
    redisContainer(o).securityContext.readOnlyRootFilesystem = false;
  }],
  ["Redis keeps capabilities", /container redis: capabilities/, (o) => { delete redisContainer(o).securityContext.capabilities; }],
  ["Redis without limits", /container redis: resources.limits/, (o) => { delete redisContainer(o).resources.limits; }],
  ["Redis without readiness", /Deployment\/redis: no readinessProbe/, (o) => { delete redisContainer(o).readinessProbe; }],
  ["Redis snapshots", /persistence not off/, (o) => { redisContainer(o).args = ["--appendonly", "no"]; }],
  ["Redis appends", /persistence not off/, (o) => {
    const args = redisContainer(o).args;
    args[args.indexOf("--appendonly") + 1] = "yes";
  }],
  ["Redis without /data", /no emptyDir at \/data/, (o) => { redisContainer(o).volumeMounts = []; }],
  ["Redis latest", /container redis: image 'redis:latest'/, (o) => { redisContainer(o).image = "redis:latest"; }],
  ["Redis token mounted", /Deployment\/redis: automountServiceAccountToken/, (o) => {
    redis(o).spec.template.spec.automountServiceAccountToken = true;
  }],
  ["gateway egress to other pods", /NetworkPolicy\/literllm: no egress to the Redis pods/, (o) => {
    gatewayRedisEgress(o).to = [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "valkey" } } }];
  }],
  ["gateway egress to Redis in any namespace", /NetworkPolicy\/literllm: no egress to the Redis pods/, (o) => {
    gatewayRedisEgress(o).to[0].namespaceSelector = {};
  }],
  ["no Redis NetworkPolicy", /no NetworkPolicy selects the Redis pods/, (o) => without(o, "NetworkPolicy", "redis")],
  ["Redis open to all", /NetworkPolicy\/redis: Redis ingress not from the gateway's pods/, (o) => {
    delete redisPolicy(o).spec.ingress[0].from;
  }],
  ["Redis open to every namespace", /NetworkPolicy\/redis: Redis ingress not from the gateway's pods/, (o) => {
    redisPolicy(o).spec.ingress[0].from[0].namespaceSelector = {};
  }],
  ["Redis open to an IP block", /NetworkPolicy\/redis: Redis ingress not from the gateway's pods/, (o) => {
    redisPolicy(o).spec.ingress.push({ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: 6379 }] });
  }],
  ["Redis open on every port", /NetworkPolicy\/redis: Redis ingress not from the gateway's pods/, (o) => {
    delete redisPolicy(o).spec.ingress[0].ports;
  }],
  ["Redis policy without ingress", /NetworkPolicy\/redis: Redis ingress not/, (o) => { redisPolicy(o).spec.policyTypes = ["Egress"]; }],
];

describe("the base deploys without Redis or a master key", () => {
  const objects = LoadObjects(baseFile);
  it("every object passes its Kubernetes schema", () => {
    assert.deepEqual(SchemaProblems(objects), []);
  });
  it("takes both from the provider-key Secret, by key, optional", () => {
    const c = GatewayDeployments(objects)[0].spec.template.spec.containers[0];
    const secret = c.envFrom[0].secretRef.name;
    for (const name of ["LITERLLM_REDIS_URL", "LITERLLM_MASTER_KEY"]) {
      assert.deepEqual(c.env.find((e) => e.name === name)?.valueFrom,
        { secretKeyRef: { name: secret, key: name, optional: true } }, name);
    }
    assert.deepEqual(objects.filter((o) => o.kind === "Secret"), []);
  });
});

describe("the dev overlay runs Redis and points the gateway at it", () => {
  const dev = LoadObjects(path.join(dir, "dev.yaml"));
  it("a Redis Deployment and Service on 6379, the URL in a generated Secret", () => {
    assert.equal(redisContainer(dev).ports[0].containerPort, 6379);
    assert.equal(kind(dev, "Service", "redis").spec.ports[0].port, 6379);
    assert.equal(SecretValue(redisUrlSecret(dev), "LITERLLM_REDIS_URL"), "redis://redis:6379/0");
    assert.equal(env(dev, "LITERLLM_MASTER_KEY").valueFrom.secretKeyRef.name, container(dev).envFrom[0].secretRef.name);
  });
  ExpectReported(dev, kDevMutations);
});

describe("each broken property is reported (prod overlay)", () => {
  const prod = LoadObjects(path.join(dir, "prod.yaml"));
  ExpectReported(prod, kMutations);
  it("a schema violation (string containerPort)", () => {
    const objects = structuredClone(prod);
    container(objects).ports[0].containerPort = "50051";
    assert.match(SchemaProblems(objects).join("\n"), /containerPort must be integer/);
  });
});
