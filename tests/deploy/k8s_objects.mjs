// Helpers over rendered objects that the checks share: finding objects,
// matching label selectors, Secret values, and the hardening every pod of
// ours has (the gateway's and the dev overlay's Redis).

// The gateway's pods, Deployment and Services carry this name label.
export const kGatewayName = "literllm";

export const Of = (objects, kind) => objects.filter((o) => o.kind === kind);

// A non-empty matchLabels-style selector that every label of it matches.
export const Matches = (selector, labels) =>
  selector != null && Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

export const PodLabels = (deployment) => deployment.spec?.template?.metadata?.labels;

export function GatewayDeployments(objects) {
  return Of(objects, "Deployment").filter((d) => d.metadata?.labels?.["app.kubernetes.io/name"] === kGatewayName);
}

// A Secret's value for key, decoded (kustomize writes `data` in base64).
export function SecretValue(secret, key) {
  if (secret?.stringData?.[key] !== undefined) return secret.stringData[key];
  const data = secret?.data?.[key];
  return data === undefined ? undefined : Buffer.from(data, "base64").toString("utf8");
}

export const SecretKeys = (secret) => [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})];

// Non-root with a numeric user, the runtime's seccomp profile.
export function CheckPodSecurity(where, pod, problems) {
  const psc = pod.securityContext ?? {};
  if (psc.runAsNonRoot !== true || !(psc.runAsUser > 0)) problems.push(`${where}: not runAsNonRoot with a numeric non-root runAsUser`);
  if (psc.seccompProfile?.type !== "RuntimeDefault") problems.push(`${where}: seccompProfile not RuntimeDefault`);
}

// Read-only root, no privileges, no capabilities, bounded resources.
export function CheckContainerSecurity(c, problems) {
  const where = `container ${c.name}`;
  const sc = c.securityContext ?? {};
  if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem not true`);
  if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation not false`);
  if (!sc.capabilities?.drop?.includes("ALL") || sc.capabilities?.add?.length) {
    problems.push(`${where}: capabilities do not drop ALL (or add some)`);
  }
  if (sc.privileged === true || sc.runAsNonRoot === false) problems.push(`${where}: privileged or root`);
  for (const kind of ["requests", "limits"]) {
    if (!c.resources?.[kind]?.cpu || !c.resources?.[kind]?.memory) {
      problems.push(`${where}: resources.${kind} lacks cpu or memory`);
    }
  }
}
