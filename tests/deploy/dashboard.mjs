// The Grafana dashboard (deploy/grafana/literllm-dashboard.json): its
// queries, the metric names they use, and what makes it well-formed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const kDashboardPath = path.join(repo, "deploy/grafana/literllm-dashboard.json");

export const LoadDashboard = () => JSON.parse(fs.readFileSync(kDashboardPath, "utf8"));

// Every panel, those inside collapsed rows included.
export function Panels(dashboard) {
  return (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
}

// Every PromQL expression: panel targets, then template variable queries
// (label_values(metric, label) names its metric; label_values(label) none).
export function Queries(dashboard) {
  const exprs = Panels(dashboard).flatMap((p) => (p.targets ?? []).map((t) => ({ where: p.title, expr: t.expr })));
  const variables = (dashboard.templating?.list ?? []).filter((v) => v.type === "query").map((v) => {
    const query = typeof v.query === "string" ? v.query : v.query?.query;
    const metric = /^label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*\s*(\{[^}]*\})?)\s*,/.exec(query ?? "")?.[1];
    return { where: `variable ${v.name}`, expr: metric ?? "", query };
  });
  return [...exprs, ...variables];
}

// PromQL words that are not metric names where a name could stand.
const kKeywords = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
  "unless", "offset", "atan2", "inf", "nan"]);

// The metric names `expr` reads: every identifier that is not a function or
// aggregation (followed by "("), a keyword, a label (in {...} or in
// by/without/on/ignoring/group_* lists), part of a number or duration, or a
// Grafana variable.
export function MetricNames(expr) {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\$\{[^}]*\}|\$\w+/g, " ");
  const names = new Set();
  for (const m of text.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = m[0];
    if (kKeywords.has(word)) continue;
    if (/^\s*\(/.test(text.slice(m.index + word.length))) continue;
    if (m.index > 0 && /[0-9.]/.test(text[m.index - 1])) continue;
    names.add(word);
  }
  return [...names];
}

// Metric families of a Prometheus text page, by name: { name: type }.
export function Families(page) {
  const families = {};
  for (const [, name, type] of page.matchAll(/^# TYPE ([A-Za-z_:][A-Za-z0-9_:]*) (\w+)$/gm)) families[name] = type;
  return families;
}

// The family a metric name belongs to, or undefined: histograms expose
// name_bucket, name_sum and name_count; summaries name_sum and name_count.
export function FamilyOf(name, families) {
  if (families[name] !== undefined) return name;
  for (const [suffix, types] of [["_bucket", ["histogram"]], ["_sum", ["histogram", "summary"]],
    ["_count", ["histogram", "summary"]]]) {
    const family = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
    if (family !== undefined && types.includes(families[family])) return family;
  }
  return undefined;
}

// One message per way the dashboard is not a well-formed Grafana dashboard
// on a Prometheus data source chosen by the ${datasource} variable.
export function DashboardProblems(d) {
  const problems = [];
  if (!d.uid || !d.title) problems.push("no uid or title");
  if (!(d.schemaVersion >= 36)) problems.push(`schemaVersion ${d.schemaVersion} is older than 36`);
  const variables = d.templating?.list ?? [];
  const ds = variables.find((v) => v.name === "datasource");
  if (ds?.type !== "datasource" || ds.query !== "prometheus") problems.push("no datasource variable of type prometheus");
  for (const name of ["key", "model"]) {
    const v = variables.find((x) => x.name === name);
    const query = typeof v?.query === "string" ? v.query : v?.query?.query;
    if (v?.type !== "query" || !/^label_values\(/.test(query ?? "") || v.datasource?.uid !== "${datasource}") {
      problems.push(`no ${name} variable from label_values on \${datasource}`);
    }
  }
  const panels = Panels(d);
  const ids = panels.map((p) => p.id);
  if (new Set(ids).size !== ids.length || ids.some((id) => !Number.isInteger(id))) problems.push("panel ids not unique integers");
  const cells = new Set();
  for (const p of panels) {
    const { x, y, w, h } = p.gridPos ?? {};
    if (![x, y, w, h].every(Number.isInteger) || x < 0 || w < 1 || x + w > 24 || h < 1) {
      problems.push(`panel '${p.title}': gridPos out of the 24 columns`);
      continue;
    }
    for (let row = y; row < y + h; ++row) {
      for (let col = x; col < x + w; ++col) {
        if (cells.has(`${row},${col}`)) problems.push(`panel '${p.title}' overlaps another at ${row},${col}`);
        cells.add(`${row},${col}`);
      }
    }
    if (p.type === "row") continue;
    if (p.datasource?.uid !== "${datasource}") problems.push(`panel '${p.title}': datasource is not \${datasource}`);
    if (!(p.targets?.length > 0) || p.targets.some((t) => !t.expr || !t.refId)) {
      problems.push(`panel '${p.title}': a target without expr or refId`);
    }
  }
  return [...new Set(problems)];
}
