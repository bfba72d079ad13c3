// The Grafana dashboard reads only metrics that exist: every metric name of
// every expression belongs to a family that GET /metrics of a real
// literllm-server declares (# TYPE; families are declared before any call,
// so none is made). clients/testing/with_gateway.sh starts the server and
// sets LITERLLM_HTTP_BASE_URL. Every expression is also valid PromQL
// (promtool check rules), and the dashboard is well-formed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import {
  DashboardProblems, Families, FamilyOf, LoadDashboard, MetricNames, Queries,
} from "./dashboard.mjs";

// The families the issue asks the pictures to show.
const kShown = [
  "literllm_requests_total", "literllm_request_duration_seconds", "literllm_time_to_first_token_seconds",
  "literllm_gateway_overhead_seconds", "literllm_tokens_total", "literllm_cost_usd_total",
  "literllm_inflight_requests", "literllm_upstream_attempts_total", "literllm_circuit_open",
  "literllm_policy_rejections_total",
];

// Grafana's variables, replaced by values PromQL accepts.
const Concrete = (expr) => expr
  .replaceAll("$__rate_interval", "5m").replaceAll("$__interval", "1m").replaceAll("$__range", "1h")
  .replace(/\$\{?(key|model)\}?/g, ".*");

describe("MetricNames finds the metrics of an expression", () => {
  const cases = [
    ['sum by (front, model) (rate(literllm_requests_total{key=~"$key", code!="OK"}[$__rate_interval]))',
      ["literllm_requests_total"]],
    ["histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket[5m])))", ["a_seconds_bucket"]],
    ["process_threads and on (job, instance) up", ["process_threads", "up"]],
    ["x / ignoring(code) group_left(model) y offset 5m > bool 1e3", ["x", "y"]],
    ['count_values("value", build_info{version="a b"})', ["build_info"]],
    ["sum(rate(foo[1h:5m])) * 3600", ["foo"]],
  ];
  for (const [expr, names] of cases) {
    it(expr, () => assert.deepEqual(MetricNames(expr), names));
  }
  it("reports a family the page does not declare, and a histogram's series by family", () => {
    const families = Families("# HELP h x\n# TYPE h histogram\n# TYPE c_total counter\nc_total 1\n");
    assert.equal(FamilyOf("h_bucket", families), "h");
    assert.equal(FamilyOf("c_total", families), "c_total");
    assert.equal(FamilyOf("c_total_count", families), undefined);
    assert.equal(FamilyOf("missing_total", families), undefined);
  });
});

describe("deploy/grafana/literllm-dashboard.json", () => {
  const dashboard = LoadDashboard();
  const queries = Queries(dashboard);

  it("is a well-formed dashboard on the ${datasource} Prometheus", () => {
    assert.deepEqual(DashboardProblems(dashboard), []);
  });

  it("shows every family the issue asks for", () => {
    const used = new Set(queries.flatMap((q) => MetricNames(q.expr)).map((n) => n.replace(/_(bucket|sum|count)$/, "")));
    assert.deepEqual(kShown.filter((f) => !used.has(f)), []);
  });

  it("has only expressions promtool parses", () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "literllm-dashboard-"));
    try {
      const rules = queries.filter((q) => q.expr).map((q, i) => ({ record: `dashboard:expr_${i}`, expr: Concrete(q.expr) }));
      const file = path.join(work, "rules.yml");
      fs.writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboard", rules }] }));
      const check = spawnSync("promtool", ["check", "rules", file], { encoding: "utf8" });
      assert.ifError(check.error);  // no promtool: Debian package prometheus
      assert.equal(check.status, 0, check.stdout + check.stderr);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it("reads only metric families GET /metrics of literllm-server declares", async () => {
    const base = process.env.LITERLLM_HTTP_BASE_URL;
    assert.ok(base, "LITERLLM_HTTP_BASE_URL is not set: run through clients/testing/with_gateway.sh");
    const url = new URL("/metrics", base);
    const answer = await fetch(url);
    const page = await answer.text();
    assert.equal(answer.status, 200, `GET ${url}: ${page.slice(0, 200)}`);
    const families = Families(page);
    const missing = queries.flatMap((q) => MetricNames(q.expr)
      .filter((name) => FamilyOf(name, families) === undefined)
      .map((name) => `${q.where}: ${name}`));
    assert.deepEqual([...new Set(missing)], [], `families on the page: ${Object.keys(families).join(" ")}`);
  });
});
