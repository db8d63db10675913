// Validates rendered manifests (multi-document YAML files given as arguments) offline:
// each object against its Kubernetes or KEDA schema (types, required fields, enums),
// then the rules every Shortlist workload keeps (probes, resources, non-root, read-only
// root file system). Exits 1 naming every problem found.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const problems = [];
let checked = 0;

/** The module of the model class for an apiVersion and kind, in kubernetes-models' layout. */
function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (group === "keda.sh") return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

async function validateSchema(file, object) {
  const where = `${file}: ${object.kind}/${object.metadata?.name}`;
  let model;
  try {
    model = (await import(modelModule(object.apiVersion, object.kind)))[object.kind];
  } catch {
    problems.push(`${where}: no schema known for ${object.apiVersion} ${object.kind}`);
    return;
  }
  try {
    new model(object).validate();
  } catch (error) {
    problems.push(`${where}: ${error.message}`);
  }
}

/** What the Deployment's Javadoc-equivalent promises: safe to run, safe to drain. */
function checkWorkload(file, object) {
  if (object.kind !== "Deployment" || object.metadata?.labels?.["app.kubernetes.io/name"] !== "shortlist") return;
  const where = `${file}: Deployment/${object.metadata.name}`;
  const pod = object.spec.template.spec;
  const need = (ok, what) => ok || problems.push(`${where}: ${what}`);
  need(pod.securityContext?.runAsNonRoot === true, "pods must run as non-root");
  for (const c of pod.containers) {
    need(c.securityContext?.readOnlyRootFilesystem === true, `container ${c.name}: read-only root file system`);
    need(c.securityContext?.allowPrivilegeEscalation === false, `container ${c.name}: no privilege escalation`);
    need(c.resources?.requests?.cpu && c.resources?.requests?.memory, `container ${c.name}: cpu and memory requests`);
    need(c.resources?.limits?.memory, `container ${c.name}: a memory limit`);
    need(c.readinessProbe?.httpGet?.path === "/q/health/ready", `container ${c.name}: readiness on /q/health/ready`);
    need(c.livenessProbe?.httpGet?.path === "/q/health/live", `container ${c.name}: liveness on /q/health/live`);
    const env = new Map((c.env ?? []).map((e) => [e.name, e]));
    need(env.get("QUARKUS_DATASOURCE_PASSWORD")?.valueFrom?.secretKeyRef, `container ${c.name}: database password from a Secret`);
    need(env.get("SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY")?.valueFrom?.secretKeyRef,
      `container ${c.name}: bootstrap admin key from a Secret`);
  }
  need(pod.terminationGracePeriodSeconds >= 30, "a grace period long enough to drain in-flight jobs");
}

for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      problems.push(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = doc.toJS();
    if (!object) continue;
    checked++;
    await validateSchema(file, object);
    checkWorkload(file, object);
  }
}

if (problems.length) {
  console.error(problems.map((p) => `invalid: ${p}`).join("\n"));
  process.exit(1);
}
console.log(`${checked} objects valid`);
