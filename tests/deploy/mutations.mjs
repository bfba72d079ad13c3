// Breaking the rendered objects on purpose, one property at a time: the
// helpers the mutation tables use, and the test that each mutation is
// reported by CheckManifests.
import assert from "node:assert/strict";
import { it } from "node:test";
import { GatewayDeployments } from "./k8s_objects.mjs";
import { CheckManifests } from "./manifest_checks.mjs";

export const kind = (objects, k, name) =>
  objects.find((o) => o.kind === k && (name === undefined || o.metadata.name === name));
export const gateway = (objects) => GatewayDeployments(objects)[0];
export const container = (objects) => gateway(objects).spec.template.spec.containers[0];
export const env = (objects, name) => container(objects).env.find((e) => e.name === name);
export const without = (objects, k, name) => objects.filter((o) => o !== kind(objects, k, name));
export const port = (ports, name) => ports.find((p) => p.name === name);
export const withoutPort = (ports, name) => ports.filter((p) => p.name !== name);

// One test per [name, expected problem, mutate] entry: CheckManifests of a
// mutated copy of `base` reports a problem matching `expected`.
export function ExpectReported(base, mutations) {
  for (const [name, expected, mutate] of mutations) {
    it(name, () => {
      const objects = structuredClone(base);
      const result = mutate(objects) ?? objects;
      const problems = CheckManifests(result);
      assert.ok(problems.some((p) => expected.test(p)), `expected ${expected}, got ${JSON.stringify(problems)}`);
    });
  }
}
