// The Redis the gateway shares caller keys, limits and budgets in
// (LITERLLM_REDIS_URL). When the URL is in a rendered Secret (the dev
// overlay), it must name a Service of the overlay whose pods run a hardened,
// in-memory Redis that only the gateway's pods can reach. Otherwise the URL
// is in a Secret made outside git and nothing more is known here.
import { Describe } from "./schemas.mjs";
import {
  CheckContainerSecurity, CheckPodSecurity, Matches, Of, PodLabels, SecretKeys, SecretValue,
} from "./k8s_objects.mjs";

export const kRedisPort = 6379;
export const kRedisUrlEnv = "LITERLLM_REDIS_URL";
const kUrl = /^redis:\/\/(?:(?<userinfo>[^@/]*)@)?(?<host>[A-Za-z0-9.-]+)(?::(?<port>\d+))?(?:\/(?<db>\d+))?$/;

// redis://[[user]:password@]host[:port][/db] as { userinfo, host, port, db }, or null.
export function ParseRedisUrl(text) {
  const m = kUrl.exec(text ?? "");
  return m ? { ...m.groups, port: Number(m.groups.port ?? kRedisPort) } : null;
}

// The only Secret the manifests may hold: a Redis URL without a password.
export function IsPasswordlessRedisSecret(secret) {
  const keys = SecretKeys(secret);
  const url = ParseRedisUrl(SecretValue(secret, kRedisUrlEnv));
  return keys.length === 1 && keys[0] === kRedisUrlEnv && url !== null && url.userinfo === undefined;
}

// "redis", "redis.<ns>", "redis.<ns>.svc[.cluster.local]" as a Service name.
function ServiceName(host, namespace) {
  for (const suffix of [`.${namespace}.svc.cluster.local`, `.${namespace}.svc`, `.${namespace}`]) {
    if (host.endsWith(suffix)) return host.slice(0, -suffix.length);
  }
  return host;
}

// The value the gateway's container gets, when a rendered Secret holds it.
function RenderedUrl(gateway, objects) {
  const c = gateway.spec?.template?.spec?.containers?.[0];
  const ref = c?.env?.find((e) => e.name === kRedisUrlEnv)?.valueFrom?.secretKeyRef;
  const secret = Of(objects, "Secret").find((s) => s.metadata.name === ref?.name);
  return secret ? { secret, text: SecretValue(secret, ref.key) } : null;
}

// redis-server with neither RDB snapshots nor an append-only file.
function PersistenceOff(c) {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const after = (flag) => argv[argv.indexOf(flag) + 1];
  return argv.includes("--save") && after("--save") === "" && after("--appendonly") === "no";
}

function CheckRedisPod(deployment, port, problems) {
  const where = Describe(deployment);
  const pod = deployment.spec?.template?.spec ?? {};
  CheckPodSecurity(`${where} pod`, pod, problems);
  if (pod.automountServiceAccountToken !== false) problems.push(`${where}: automountServiceAccountToken not false`);
  const c = pod.containers?.find((x) => x.ports?.some((p) => p.containerPort === port || p.name === port));
  if (!c) {
    problems.push(`${where}: no container listens on the Service's target port ${port}`);
    return;
  }
  CheckContainerSecurity(c, problems);
  const probe = c.readinessProbe ?? {};
  if (!probe.exec && !probe.tcpSocket) problems.push(`${where}: no readinessProbe (redis-cli ping or tcpSocket)`);
  if (!PersistenceOff(c)) problems.push(`${where}: persistence not off (--save "" --appendonly no)`);
  const data = c.volumeMounts?.find((m) => m.mountPath === "/data");
  if (!pod.volumes?.some((v) => v.name === data?.name && v.emptyDir)) problems.push(`${where}: no emptyDir at /data`);
  if (!/:[\w][\w.-]*$/.test(c.image ?? "") || c.image.endsWith(":latest")) {
    problems.push(`container ${c.name}: image '${c.image}' has no release tag`);
  }
}

// A NetworkPolicy peer: pods with these labels in the policy's namespace.
const SelectsPods = (peer, labels) =>
  !peer.namespaceSelector && !peer.ipBlock && Matches(peer.podSelector?.matchLabels, labels);
const IsTcp = (port, number) => port.port === number && (port.protocol ?? "TCP") === "TCP";

// Gateway → Redis allowed; Redis ← anything but the gateway's pods, denied.
function CheckRedisPolicies(gatewayPolicy, gatewayLabels, redisLabels, objects, problems) {
  const reaches = (r) => (r.ports ?? []).some((p) => IsTcp(p, kRedisPort)) &&
    (!r.to?.length || r.to.some((peer) => SelectsPods(peer, redisLabels)));
  if (!(gatewayPolicy?.spec?.egress ?? []).some(reaches)) {
    problems.push(`${Describe(gatewayPolicy)}: no egress to the Redis pods on TCP ${kRedisPort}`);
  }
  const policies = Of(objects, "NetworkPolicy").filter((n) => Matches(n.spec?.podSelector?.matchLabels, redisLabels));
  if (policies.length === 0) problems.push(`no NetworkPolicy selects the Redis pods (ingress from the gateway only)`);
  for (const policy of policies) {
    const types = policy.spec.policyTypes ?? ["Ingress"];
    const rules = policy.spec.ingress ?? [];
    const fromGatewayOnly = (r) =>
      r.from?.length > 0 && r.from.every((peer) => SelectsPods(peer, gatewayLabels)) &&
      r.ports?.length > 0 && r.ports.every((p) => IsTcp(p, kRedisPort));
    if (!types.includes("Ingress") || rules.length === 0 || !rules.every(fromGatewayOnly)) {
      problems.push(`${Describe(policy)}: Redis ingress not from the gateway's pods on TCP ${kRedisPort} only`);
    }
  }
}

// Every Deployment but the gateway's must be the Redis its URL names.
export function CheckRedis(gateway, gatewayPolicy, objects, problems) {
  const others = Of(objects, "Deployment").filter((d) => d !== gateway);
  const rendered = RenderedUrl(gateway, objects);
  if (!rendered) {
    for (const d of others) problems.push(`${Describe(d)}: runs, but ${kRedisUrlEnv} does not point to it`);
    return;
  }
  const url = ParseRedisUrl(rendered.text);
  if (!url) {
    problems.push(`${Describe(rendered.secret)}: ${kRedisUrlEnv} is not redis://[[user]:password@]host[:port][/db]`);
    return;
  }
  const name = ServiceName(url.host, gateway.metadata.namespace);
  const service = Of(objects, "Service").find((s) => s.metadata.name === name);
  const port = service?.spec?.ports?.find((p) => IsTcp(p, url.port));
  const redis = others.filter((d) => Matches(service?.spec?.selector, PodLabels(d)));
  if (!port || url.port !== kRedisPort || redis.length !== 1) {
    problems.push(`${kRedisUrlEnv} ${rendered.text}: not a Service of the overlay on TCP ${kRedisPort} selecting one Redis Deployment`);
  }
  for (const d of others.filter((x) => !redis.includes(x))) {
    problems.push(`${Describe(d)}: runs, but ${kRedisUrlEnv} does not point to it`);
  }
  for (const d of redis) {
    CheckRedisPod(d, port?.targetPort ?? url.port, problems);
    CheckRedisPolicies(gatewayPolicy, PodLabels(gateway), PodLabels(d), objects, problems);
  }
}
