// The real literllm-server (LITERLLM_SERVER) accepts what the prod overlay
// gives it: every LITERLLM_ variable is one it knows, and it starts with the
// Deployment's environment, the ConfigMap's file and the keys the Secret
// holds (dummies), answers /healthz and /readyz on its HTTP front, logs JSON
// lines without the key, and exits 0 on SIGTERM.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { GatewayDeployments } from "./k8s_objects.mjs";
import { LoadObjects } from "./schemas.mjs";

const server = process.env.LITERLLM_SERVER;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const skip = server ? false : "LITERLLM_SERVER is not set";
const dummyKey = "sk-manifest-test-0123456789abcdefDummy";

// CPU quantity ("2", "500m", "1.5") as resourceFieldRef with divisor 1 gives it.
const cpus = (q) => Math.ceil(q.endsWith("m") ? Number(q.slice(0, -1)) / 1000 : Number(q));

// The pod's environment: literal values, resourceFieldRef limits.cpu, the
// Secret's keys (from deploy/k8s/provider-keys.env.example) as dummies.
// Optional secretKeyRefs (LITERLLM_REDIS_URL, LITERLLM_MASTER_KEY) stay
// unset, as with a Secret without them: the gateway runs open; so do the
// OTEL_* settings of the literllm-otel ConfigMap the overlay does not render.
function PodEnvironment(objects, configFile) {
  const container = GatewayDeployments(objects)[0].spec.template.spec.containers[0];
  const env = { PATH: "/usr/bin:/bin" };
  for (const e of container.env) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.resourceFieldRef?.resource === "limits.cpu") env[e.name] = String(cpus(container.resources.limits.cpu));
    else if (e.valueFrom?.secretKeyRef?.optional === true) continue;
    else if (e.valueFrom?.configMapKeyRef?.optional === true) {
      // As in a cluster: the rendered ConfigMap's value, unset without one.
      const ref = e.valueFrom.configMapKeyRef;
      const value = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === ref.name)?.data?.[ref.key];
      if (value !== undefined) env[e.name] = value;
    }
    else assert.fail(`env ${e.name}: no way to reproduce ${JSON.stringify(e.valueFrom)}`);
  }
  const example = fs.readFileSync(path.join(repo, "deploy/k8s/provider-keys.env.example"), "utf8");
  for (const [, name] of example.matchAll(/^([A-Z0-9_]+)=/gm)) env[name] = dummyKey;
  env.LITERLLM_CONFIG = configFile;
  // Both fronts on free loopback ports (the Deployment's 0.0.0.0:50051 and
  // 0.0.0.0:8080 may be taken here); the "listening" line names them.
  env.LITERLLM_LISTEN = "127.0.0.1:0";
  env.LITERLLM_HTTP_LISTEN = "127.0.0.1:0";
  return { env, container };
}

describe("literllm-server with the prod overlay's settings", { skip }, () => {
  const objects = LoadObjects(path.join(process.env.LITERLLM_RENDERED_DIR ?? "", "prod.yaml"));

  it("knows every LITERLLM_ variable the Deployment sets (--helpfull names it)", () => {
    const help = spawnSync(server, ["--helpfull"], { encoding: "utf8" });
    assert.ifError(help.error);
    const text = help.stdout + help.stderr;
    const container = GatewayDeployments(objects)[0].spec.template.spec.containers[0];
    const unknown = container.env.map((e) => e.name).filter((n) => n.startsWith("LITERLLM_") && !text.includes(n));
    assert.deepEqual(unknown, [], "a variable the server does not read is silently ignored");
  });

  it("starts, answers /healthz and /readyz, logs JSON lines without the key, and exits 0 on SIGTERM", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "literllm-manifests-"));
    const map = objects.find((o) => o.kind === "ConfigMap");
    const [[name, text]] = Object.entries(map.data);
    fs.writeFileSync(path.join(work, name), text);
    const { env } = PodEnvironment(objects, path.join(work, name));
    const child = spawn(server, [], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { out += d; });
    const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    try {
      for (let i = 0; i < 200 && !out.includes('"msg":"listening"') && child.exitCode === null; ++i) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.match(out, /"msg":"listening"/, `server did not start:\n${out}`);
      const httpPort = out.match(/"msg":"listening".*"http_port":"(\d+)"/)?.[1];
      assert.ok(httpPort, `no http_port in the listening line:\n${out}`);
      for (const probe of ["/healthz", "/readyz"]) {
        const answer = await fetch(`http://127.0.0.1:${httpPort}${probe}`);
        assert.equal(answer.status, 200, `GET ${probe}`);
        await answer.text();
      }
      child.kill("SIGTERM");
      assert.deepEqual(await exited, { code: 0, signal: null }, out);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(work, { recursive: true, force: true });
    }
    const lines = out.trim().split("\n");
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not JSON: ${line}`);
    assert.ok(!out.includes(dummyKey), "the provider key is in the log");
    assert.match(lines.at(-1), /"msg":"stopped"/);
  });
});
