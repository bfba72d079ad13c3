// The properties the rendered literllm manifests must have (docs/operations.md
// says why). CheckManifests returns one message per broken property.
import { Describe } from "./schemas.mjs";
import {
  CheckContainerSecurity, CheckPodSecurity, GatewayDeployments, kGatewayName, Matches, Of, PodLabels,
} from "./k8s_objects.mjs";
import { CheckObservability } from "./observability_checks.mjs";
import { CheckRedis, IsPasswordlessRedisSecret, kRedisPort, kRedisUrlEnv } from "./redis_checks.mjs";

const kGrpcPort = 50051;
// The OpenAI-compatible HTTP front, with /healthz and /readyz.
const kHttpPort = 8080;
const kReadinessService = "literllm.v1.LlmService";
// Names that hold credentials, and values that look like provider keys.
const kSecretName = /(_KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL)/i;
const kKeyValue = /\b(sk|gsk|xai|pplx|csk)[-_][A-Za-z0-9_-]{12,}|\bAIza[0-9A-Za-z_-]{20,}/;
// Secrets by contract (the Redis URL holds its password): always set, and
// only from a secretKeyRef (the base test checks both are optional).
const kSecretEnv = [kRedisUrlEnv, "LITERLLM_MASTER_KEY"];

// "100s", "2m", "1m30s" in seconds; NaN for anything else.
export function DurationSeconds(value) {
  const text = String(value);
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return NaN;
  const units = { ms: 0.001, s: 1, m: 60, h: 3600 };
  return [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
    .reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0);
}

export function EnvValue(container, name) {
  return container.env?.find((e) => e.name === name)?.value;
}

// Each front listens on every interface, on the port the container declares:
// LITERLLM_LISTEN (gRPC) and LITERLLM_HTTP_LISTEN (HTTP; empty turns it off),
// as set, or the server's default when the Deployment leaves them out.
function CheckListen(c, problems) {
  for (const [name, fallback, port] of [
    ["LITERLLM_LISTEN", "0.0.0.0:50051", kGrpcPort],
    ["LITERLLM_HTTP_LISTEN", "0.0.0.0:8080", kHttpPort],
  ]) {
    const entry = c.env?.find((e) => e.name === name);
    const value = entry ? entry.value : fallback;
    if (!new RegExp(`^(0\\.0\\.0\\.0|\\[::\\]):${port}$`).test(value ?? "")) {
      problems.push(`container ${c.name}: ${name} '${value}' is not 0.0.0.0:${port} (every interface, the declared port)`);
    }
  }
}

function CheckContainer(c, pod, objects, problems) {
  const where = `container ${c.name}`;
  const port = c.ports?.find((p) => p.name === "grpc");
  if (port?.containerPort !== kGrpcPort) problems.push(`${where}: no grpc port ${kGrpcPort}`);
  const http = c.ports?.find((p) => p.name === "http");
  if (http?.containerPort !== kHttpPort || (http.protocol ?? "TCP") !== "TCP") {
    problems.push(`${where}: no http port ${kHttpPort}`);
  }
  CheckListen(c, problems);
  for (const kind of ["readinessProbe", "livenessProbe"]) {
    const probe = c[kind];
    if (probe?.grpc?.port !== kGrpcPort || probe.exec || probe.httpGet || probe.tcpSocket) {
      problems.push(`${where}: ${kind} is not a native grpc probe on ${kGrpcPort}`);
    }
  }
  if (c.readinessProbe?.grpc?.service !== kReadinessService) {
    problems.push(`${where}: readinessProbe does not ask for ${kReadinessService}`);
  }
  CheckContainerSecurity(c, problems);
  CheckKeys(c, objects, problems);
  CheckDrain(c, pod, problems);
  for (const name of ["LITERLLM_MAX_CONNECTION_AGE", "LITERLLM_MAX_CONNECTION_AGE_GRACE"]) {
    if (!(DurationSeconds(EnvValue(c, name)) > 0)) problems.push(`${where}: ${name} not set to a duration`);
  }
  if (!c.volumeMounts?.some((m) => m.mountPath === "/tmp")) problems.push(`${where}: no writable /tmp`);
}

// Keys only from Secrets: never a literal value that is or names one.
function CheckKeys(c, objects, problems) {
  const where = `container ${c.name}`;
  const secret = (e) => kSecretName.test(e.name) || kSecretEnv.includes(e.name);
  for (const e of c.env ?? []) {
    if (e.value !== undefined && (secret(e) || kKeyValue.test(e.value))) {
      problems.push(`${where}: env ${e.name} has a literal value; take it from a Secret`);
    }
    const from = e.valueFrom ?? {};
    if (secret(e) && e.value === undefined && !from.secretKeyRef) {
      problems.push(`${where}: env ${e.name} is not from a secretKeyRef`);
    }
  }
  for (const name of kSecretEnv) {
    const ref = c.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
    if (!ref?.name || !ref.key) problems.push(`${where}: env ${name} is not from a secretKeyRef`);
    const rendered = Of(objects, "Secret").find((s) => s.metadata.name === ref?.name);
    if (rendered && !(rendered.data?.[ref.key] ?? rendered.stringData?.[ref.key])) {
      problems.push(`${where}: env ${name}: ${Describe(rendered)} has no key ${ref.key}`);
    }
  }
  const sources = c.envFrom ?? [];
  if (sources.some((s) => !s.secretRef)) problems.push(`${where}: envFrom other than secretRef`);
  if (!sources.some((s) => s.secretRef?.name && s.secretRef.optional === false)) {
    problems.push(`${where}: provider keys not from a Secret (envFrom secretRef, optional: false)`);
  }
}

// Rollouts: a preStop pause, then SIGTERM and LITERLLM_SHUTDOWN_GRACE, all
// within terminationGracePeriodSeconds.
function CheckDrain(c, pod, problems) {
  const where = `container ${c.name}`;
  const command = c.lifecycle?.preStop?.exec?.command ?? [];
  const pause = /(^|\/)sleep$/.test(command[0] ?? "") ? Number(command[1]) : NaN;
  if (!(pause > 0)) problems.push(`${where}: no preStop sleep`);
  const grace = DurationSeconds(EnvValue(c, "LITERLLM_SHUTDOWN_GRACE"));
  if (!(grace > 0)) problems.push(`${where}: LITERLLM_SHUTDOWN_GRACE not set to a duration`);
  const period = pod.terminationGracePeriodSeconds;
  if (!(period >= (pause || 0) + (grace || 0) + 5) || period < 60) {
    problems.push(`terminationGracePeriodSeconds ${period} is not >= preStop ${pause}s + shutdown grace ${grace}s + 5s (and >= 60)`);
  }
}

function CheckPod(deployment, objects, problems) {
  const pod = deployment.spec?.template?.spec ?? {};
  CheckPodSecurity("pod", pod, problems);
  if (pod.enableServiceLinks !== false) problems.push("pod: enableServiceLinks not false (LITERLLM_* service variables)");
  const account = Of(objects, "ServiceAccount").find((s) => s.metadata.name === pod.serviceAccountName);
  if (!account || account.automountServiceAccountToken !== false || pod.automountServiceAccountToken !== false) {
    problems.push("pod: no own ServiceAccount with automountServiceAccountToken false");
  }
  if (deployment.spec?.replicas !== undefined) problems.push("Deployment sets spec.replicas: the HPA owns it");
  for (const c of pod.containers ?? []) CheckContainer(c, pod, objects, problems);
  CheckConfigMount(pod, objects, problems);
}

// LITERLLM_CONFIG names a file of a mounted ConfigMap present in the output.
function CheckConfigMount(pod, objects, problems) {
  for (const c of pod.containers ?? []) {
    const file = EnvValue(c, "LITERLLM_CONFIG") ?? "";
    const mount = c.volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
    const volume = pod.volumes?.find((v) => v.name === mount?.name);
    const map = Of(objects, "ConfigMap").find((m) => m.metadata.name === volume?.configMap?.name);
    if (!map?.data?.[file.slice(mount.mountPath.length + 1)]) {
      problems.push(`container ${c.name}: LITERLLM_CONFIG '${file}' is not a file of a mounted ConfigMap`);
    }
  }
  for (const map of Of(objects, "ConfigMap")) {
    if (Object.values(map.data ?? {}).some((text) => kKeyValue.test(text))) {
      problems.push(`${Describe(map)}: holds something that looks like a provider key`);
    }
  }
}

// The gateway's Services: every one but those selecting another Deployment's
// pods (the dev overlay's Redis, checked with it).
function CheckServices(labels, objects, problems) {
  const others = Of(objects, "Deployment").filter((d) => !Matches(d.spec?.selector?.matchLabels, labels));
  const services = Of(objects, "Service").filter((s) => !others.some((d) => Matches(s.spec?.selector, PodLabels(d))));
  const headless = services.filter((s) => s.spec?.clusterIP === "None");
  if (headless.length === 0) problems.push("no headless Service (clusterIP: None) for round_robin clients");
  if (headless.length === services.length) problems.push("no plain ClusterIP Service");
  for (const s of services) {
    const port = s.spec?.ports?.find((p) => p.name === "grpc");
    if (port?.port !== kGrpcPort || port.appProtocol !== "grpc" || !["grpc", kGrpcPort].includes(port.targetPort)) {
      problems.push(`${Describe(s)}: no port named grpc (${kGrpcPort}, appProtocol grpc, targetPort grpc)`);
    }
    const http = s.spec?.ports?.find((p) => p.name === "http");
    if (http?.port !== kHttpPort || http.appProtocol !== "http" || !["http", kHttpPort].includes(http.targetPort)) {
      problems.push(`${Describe(s)}: no port named http (${kHttpPort}, appProtocol http, targetPort http)`);
    }
    if (!Matches(s.spec?.selector, labels)) problems.push(`${Describe(s)}: selector does not match the pods`);
  }
}

function CheckPolicies(deployment, labels, objects, problems) {
  const hpa = Of(objects, "HorizontalPodAutoscaler").find(
    (h) => h.spec?.scaleTargetRef?.kind === "Deployment" && h.spec.scaleTargetRef.name === deployment.metadata.name);
  if (!hpa) problems.push("no HorizontalPodAutoscaler for the Deployment");
  else if (!(hpa.spec.minReplicas >= 1 && hpa.spec.maxReplicas >= hpa.spec.minReplicas) ||
    !hpa.spec.metrics?.some((m) => m.resource?.name === "cpu")) {
    problems.push(`${Describe(hpa)}: bad replica bounds or no cpu metric`);
  }
  if (!Of(objects, "PodDisruptionBudget").some((p) => Matches(p.spec?.selector?.matchLabels, labels))) {
    problems.push("no PodDisruptionBudget selecting the pods");
  }
  const policy = Of(objects, "NetworkPolicy").find((n) => Matches(n.spec?.podSelector?.matchLabels, labels));
  if (!policy) {
    problems.push("no NetworkPolicy selecting the pods");
    return undefined;
  }
  const ports = (rules) => (rules ?? []).flatMap((r) => (r.ports ?? [{ port: "any" }]).map((p) => p.port));
  // In: both fronts, and nothing else.
  const allowed = [kGrpcPort, kHttpPort];
  const ingress = ports(policy.spec.ingress);
  if (allowed.some((p) => !ingress.includes(p)) || ingress.some((p) => !allowed.includes(p))) {
    problems.push(`${Describe(policy)}: ingress not on ${allowed.join(" and ")} only`);
  }
  const egress = ports(policy.spec.egress);
  if (!egress.includes(53) || !egress.includes(443) || !egress.includes(kRedisPort) || egress.includes("any")) {
    problems.push(`${Describe(policy)}: egress must allow DNS (53), HTTPS (443) and Redis (${kRedisPort}), and no rule every port`);
  }
  return policy;
}

// Every property above, for the objects of one rendered overlay.
export function CheckManifests(objects) {
  const problems = [];
  const deployments = GatewayDeployments(objects);
  if (deployments.length !== 1) {
    return [`expected one gateway Deployment (app.kubernetes.io/name: ${kGatewayName}), found ${deployments.length}`];
  }
  const deployment = deployments[0];
  const labels = PodLabels(deployment);
  if (!Matches(deployment.spec?.selector?.matchLabels, labels)) problems.push("Deployment selector does not match its pods");
  CheckPod(deployment, objects, problems);
  CheckServices(labels, objects, problems);
  const policy = CheckPolicies(deployment, labels, objects, problems);
  CheckRedis(deployment, policy, objects, problems);
  CheckObservability(deployment, policy, objects, problems);
  for (const secret of Of(objects, "Secret").filter((s) => !IsPasswordlessRedisSecret(s))) {
    problems.push(`${Describe(secret)}: a Secret is rendered: keys and passwords must not live in the manifests (only a password-less ${kRedisUrlEnv} may)`);
  }
  const namespaces = new Set(objects.map((o) => o.metadata?.namespace));
  if (namespaces.size !== 1 || namespaces.has(undefined)) problems.push("objects are not all in one namespace");
  for (const c of deployment.spec?.template?.spec?.containers ?? []) {
    if (!/:[\w][\w.-]*$/.test(c.image ?? "") || c.image.endsWith(":latest")) {
      problems.push(`container ${c.name}: image '${c.image}' has no release tag`);
    }
  }
  return problems;
}
