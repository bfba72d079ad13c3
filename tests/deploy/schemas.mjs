// Reads rendered manifests and validates each object against the Kubernetes
// schemas of kubernetes-models (one model class per apiVersion and kind; the
// Prometheus Operator's ServiceMonitor from @kubernetes-models/prometheus-operator).
import fs from "node:fs";
import { parseAllDocuments } from "yaml";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { Service } from "kubernetes-models/v1/Service";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";

const kModels = new Map(
  [
    ServiceAccount,
    Service,
    ConfigMap,
    Secret,
    Deployment,
    HorizontalPodAutoscaler,
    PodDisruptionBudget,
    NetworkPolicy,
    ServiceMonitor,
  ].map((model) => [`${model.apiVersion} ${model.kind}`, model]),
);

// The objects of a multi-document YAML file (`kubectl kustomize` output).
export function LoadObjects(file) {
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
  }
  return docs.map((doc) => doc.toJSON()).filter((obj) => obj != null);
}

export function Describe(obj) {
  return `${obj?.kind ?? "?"}/${obj?.metadata?.name ?? "?"}`;
}

// One message per object that is of an unknown type or breaks its schema.
export function SchemaProblems(objects) {
  const problems = [];
  for (const obj of objects) {
    const model = kModels.get(`${obj.apiVersion} ${obj.kind}`);
    if (model === undefined) {
      problems.push(`${Describe(obj)}: no schema for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new model(obj).validate();
    } catch (error) {
      problems.push(`${Describe(obj)}: schema: ${error.message}`);
    }
  }
  return problems;
}
