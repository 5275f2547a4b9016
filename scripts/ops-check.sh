#!/usr/bin/env bash
# Validates the operations artefacts offline, without a container engine or a cluster:
#   prometheus  promtool check rules / test rules / check config (compose and local), promtool check metrics over the catalogue,
#               and over every service's registry and the bus' (built dist: `make test` builds first), and the catalogue
#               cross-check of alert rules, dashboards and runbooks (docs/telemetry.md)
#   grafana     the provisioned dashboards are what infra/grafana/generate produces
#   compose     docker-compose config (Debian's docker-compose) and the compose-spec schema, base and GPU overlay;
#               every image build resolves (Dockerfile, target stage, SERVICE package) and every image of the
#               chart is built by compose
#   dockerfiles hadolint over infra/docker/service.Dockerfile and ml/Dockerfile
#   helm        helm lint --strict and helm template for several value sets, every rendered object validated
#               against the strict Kubernetes JSON schemas (kubernetes-validate) of the oldest and newest
#               supported Kubernetes; the Kafka ACL table of the chart and of compose agree, and so do the
#               ACLs the rendered KafkaUsers and init.sh derive from it (pattern types included); with
#               postgres.tls.caSecret every PostgreSQL client mounts the CA and names it, and none does by default
# Tools are installed when missing and cached: Debian packages (prometheus, docker-compose), Helm under
# ~/.cache/cryptosignal/bin (go install), the validators under .infra/ops/venv. Exits 1 naming every failed check; the last
# line is "ops-check: N passed, N failed".
# shellcheck source-path=SCRIPTDIR source=../infra/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../infra/scripts/lib.sh"
set +e
cd "$CS_ROOT" || exit 1

HELM_VERSION=v3.22.0
KUBE_VERSIONS=(1.27.0 1.37.0)
# Helm is kept in a per-machine tool cache (not the checkout), so a fresh clone on the same machine reuses it.
TOOL_CACHE="${CS_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cryptosignal}"
HELM="$TOOL_CACHE/bin/helm"
VENV="$CS_STATE/ops/venv"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=()

# check NAME CMD... — runs CMD, prints "ok NAME (Ns)" or its output and "FAILED NAME".
check() {
  local name="$1" start=$SECONDS out rc
  shift
  out="$("$@" 2>&1)"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    printf 'ok      %-52s %3ss  %s\n' "$name" "$((SECONDS - start))" "$(tail -n 1 <<< "$out" | cut -c1-80)"
  else
    failed+=("$name")
    printf '%s\nFAILED  %s (exit %s)\n' "$out" "$name" "$rc"
  fi
}

install_tools() {
  ensure_packages prometheus docker-compose || return 1
  if [ ! -x "$HELM" ] || [ "$(cat "$HELM.version" 2> /dev/null)" != "$HELM_VERSION" ]; then
    command -v go > /dev/null || { echo "ops-check: Go is needed to install Helm (go install)" >&2; return 1; }
    info ops "installing helm $HELM_VERSION into $HELM (go install; a few minutes the first time)"
    GOBIN="$TOOL_CACHE/bin" GOFLAGS=-buildvcs=false go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" || return 1
    echo "$HELM_VERSION" > "$HELM.version"
  fi
  if [ ! -x "$VENV/bin/kubernetes-validate" ] || [ scripts/ops-check.requirements.txt -nt "$VENV/.stamp" ]; then
    info ops "installing the schema validators into $VENV"
    python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet -r scripts/ops-check.requirements.txt || return 1
    touch "$VENV/.stamp"
  fi
}

# Random passwords for the compose interpolation: validation never needs the real ones.
compose_env() {
  local v
  for v in MIGRATOR COLLECTOR PIPELINE EXECUTOR RECORDER CALIBRATOR GATE_OPTIMIZER COST_MODEL DASHBOARD; do
    echo "CS_PG_${v}_PASSWORD=$(openssl rand -hex 16)"
  done
  echo "REDIS_PASSWORD=$(openssl rand -hex 16)"
}

# helm template with the given --set flags into $WORK/<name>.yaml, then strict schema validation.
render_and_validate() {
  local name="$1" out="$WORK/$1.yaml" k count crds
  shift
  "$HELM" template cs charts/cryptosignal --namespace cryptosignal --kube-version "${KUBE_VERSIONS[-1]}" "$@" > "$out" || return 1
  count="$(grep -c '^kind:' "$out")"
  for k in "${KUBE_VERSIONS[@]}"; do
    "$VENV/bin/kubernetes-validate" --strict --quiet --no-warn -k "$k" "$out" || return 1
  done
  crds="$(grep -cE '^kind: (ServiceMonitor|KafkaUser)$' "$out")"
  echo "$((count - crds)) objects valid (strict, k8s ${KUBE_VERSIONS[*]}); $crds CRD objects without offline schema"
}

# The models seed hook Job (and its deny-all NetworkPolicy) is rendered exactly when a models claim is set: in the
# rendered variant $1, $2 = 1 (present) or 0 (absent).
models_seed_rendered() {
  "$VENV/bin/python" - "$WORK/$1.yaml" "$2" << 'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
jobs = [d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "cs-models-seed"]
want = sys.argv[2] == "1"
if len(jobs) != int(want):
    sys.exit(f"models-seed Job: {len(jobs)} rendered, expected {int(want)}")
if want:
    job = jobs[0]
    hooks = job["metadata"]["annotations"]
    assert hooks["helm.sh/hook"] == "post-install,post-upgrade", hooks
    assert hooks["helm.sh/hook-delete-policy"] == "before-hook-creation,hook-succeeded", hooks
    pod = job["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True, pod["securityContext"]
    claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v]
    assert claims == ["models"], claims
    mount = [m for m in pod["containers"][0]["volumeMounts"] if m["name"] == "models"][0]
    assert not mount.get("readOnly", False), mount
    assert pod["containers"][0]["command"][-4:] == ["--from", "/app/models", "--to", "/models"]
    policies = [d for d in docs if d["kind"] == "NetworkPolicy" and d["metadata"]["name"] == "cs-models-seed"]
    assert len(policies) == 1 and policies[0]["spec"]["egress"] == [], policies
print("models-seed Job " + ("rendered (post-install/upgrade hook, claim read-write, no egress)" if want else "absent"))
PY
}

# The Kafka ACL table and topic list of the chart equal those of compose, and so do the ACLs each side derives
# from them: the chart's rendered KafkaUsers equal the expansion init.sh makes (literal topic ACLs, one PREFIX
# group ACL named after the principal, the pattern types included); no principal's name is a prefix of another's,
# so no group prefix covers another principal's groups.
acl_tables_agree() {
  "$HELM" template cs charts/cryptosignal --kube-version "${KUBE_VERSIONS[-1]}" --set kafka.strimziUsers.enabled=true \
    --show-only templates/kafka-users.yaml > "$WORK/kafka-users.yaml" || return 1
  "$VENV/bin/python" - "$WORK/kafka-users.yaml" << 'PY'
import sys, yaml
values = yaml.safe_load(open("charts/cryptosignal/values.yaml"))["kafka"]
rows = [l.rstrip("\n").split("\t") for l in open("infra/compose/kafka/acls.tsv") if l.strip() and not l.startswith("#")]
split = lambda cell: [] if cell == "-" else cell.split(",")
compose = {p: {"reads": split(r), "writes": split(w)} for p, r, w in rows}
topics = [l.split("\t")[0] for l in open("infra/compose/kafka/topics.tsv") if l.strip() and not l.startswith("#")]
problems = []
if values["acls"] != compose:
    problems.append(f"kafka.acls {values['acls']} != acls.tsv {compose}")
if values["topics"] != topics:
    problems.append(f"kafka.topics {values['topics']} != topics.tsv {topics}")
problems += [f"principal {a} is a prefix of {b}: its group ACL covers {b}'s groups"
             for a in compose for b in compose if a != b and b.startswith(a)]
# init.sh: topic ACLs without a pattern type (literal), the group ACL in its own call, prefixed, named after the principal.
init = open("infra/compose/kafka/init.sh").read()
group_calls = [c for c in init.replace("\\\n", " ").splitlines() if c.lstrip().startswith("acl ") and "--group" in c]
if len(group_calls) != 1 or '--resource-pattern-type prefixed --group "$principal"' not in group_calls[0]:
    problems.append(f"init.sh: expected one group ACL call with --resource-pattern-type prefixed, found {group_calls}")
if init.count("--resource-pattern-type") != 1:
    problems.append("init.sh: --resource-pattern-type must apply to the group ACL only")
def expected(acl):
    out = set()
    matching = lambda prefixes: [t for t in topics if any(t.startswith(p) for p in prefixes)]
    if acl["reads"]:
        out.add(("group", None, "prefix", ("Describe", "Read")))
    for t in matching(acl["reads"]):
        out |= {("topic", t, "literal", ("Describe", "Read")), ("topic", t + ".dlq", "literal", ("Describe", "Write"))}
    out |= {("topic", t, "literal", ("Describe", "Write")) for t in matching(acl["writes"])}
    return out
users = {d["metadata"]["name"]: d for d in yaml.safe_load_all(open(sys.argv[1])) if d}
if set(users) != set(compose):
    problems.append(f"KafkaUsers {sorted(users)} != principals {sorted(compose)}")
for name, user in users.items():
    rendered = set()
    for a in user["spec"]["authorization"]["acls"]:
        r = a["resource"]
        rname = None if r["type"] == "group" and r["name"] == name else r["name"]
        rendered.add((r["type"], rname, r["patternType"], tuple(sorted(a["operations"]))))
    want = expected(compose.get(name, {"reads": [], "writes": []}))
    if rendered != want:
        problems.append(f"KafkaUser {name}: extra {sorted(rendered - want, key=str)}, missing {sorted(want - rendered, key=str)}")
print("\n".join(problems) or f"{len(compose)} principals, {len(topics)} topics, rendered KafkaUsers agree")
sys.exit(1 if problems else 0)
PY
}

# Every build of compose (train profile included) names an existing Dockerfile, a stage of it as target and, as
# SERVICE, a workspace package; every image the chart deploys (services, migrate, retrain) is one compose builds.
builds_resolve() {
  docker-compose --env-file "$WORK/compose.env" -f docker-compose.yml --profile train config > "$WORK/compose.yaml" || return 1
  "$VENV/bin/python" - "$WORK/compose.yaml" << 'PY'
import os, re, sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
problems, built = [], set()
for name, svc in services.items():
    build = svc.get("build")
    if not build:
        continue
    built.add(svc.get("image", name).split(":")[0])
    path = os.path.join(build["context"], build.get("dockerfile", "Dockerfile"))
    if not os.path.isfile(path):
        problems.append(f"{name}: {path} does not exist")
        continue
    stages = re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", open(path).read(), re.M | re.I)
    if build.get("target") and build["target"] not in stages:
        problems.append(f"{name}: target {build['target']} is not a stage of {path} ({', '.join(stages)})")
    package = (build.get("args") or {}).get("SERVICE")
    if package and not os.path.isfile(f"services/{package}/package.json"):
        problems.append(f"{name}: SERVICE={package} is not a package under services/")
values = yaml.safe_load(open("charts/cryptosignal/values.yaml"))
prefix = values["image"]["repositoryPrefix"]
wanted = {prefix + n for n in values["services"]} | {prefix + values["migrate"]["image"], prefix + values["retrain"]["image"]}
problems += [f"the chart deploys {image}, which compose does not build" for image in sorted(wanted - built)]
print("\n".join(problems) or f"{len(built)} images build from existing Dockerfiles and stages; the chart's {len(wanted)} among them")
sys.exit(1 if problems else 0)
PY
}

# Every table a service's migrations create is written, by the roles.sql ownership map, by that service's
# role and no other.
table_owners_match() {
  "$VENV/bin/python" - << 'PY'
import glob, re, sys
sql = open("infra/postgres/roles.sql").read()
block = sql[sql.index("INSERT INTO cs_table_owner VALUES"):]
block = block[: block.index(";")]
owners = re.findall(r"\('(cs_[a-z_]+)', '([^']+)'\)", block)
def like(pattern):  # SQL LIKE: % any run, _ any one character, backslash escapes
    out, chars = "", iter(pattern)
    for c in chars:
        out += re.escape(next(chars)) if c == "\\" else ".*" if c == "%" else "." if c == "_" else re.escape(c)
    return re.compile(f"^{out}$")
rules = [(role, like(p)) for role, p in owners]
problems, seen = [], set()
for path in sorted(glob.glob("services/*/migrations/*.sql")):
    service = path.split("/")[1].replace("-", "_")
    for statement in re.split(r";\s*\n", open(path).read()):
        m = re.search(r"CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)", statement, re.I)
        if not m or re.search(r"PARTITION OF", statement, re.I):
            continue
        seen.add(m.group(1))
        table, found = m.group(1), sorted({role for role, rx in rules if rx.match(m.group(1))})
        if found != [f"cs_{service}"]:
            problems.append(f"{path}: table {table} is written by {found or 'nobody'}, expected cs_{service}")
print("\n".join(problems) or f"{len(seen)} tables of the services' migrations, each written by its own service only")
sys.exit(1 if problems else 0)
PY
}

# Every container of a Deployment, Job or CronJob that connects to PostgreSQL (DATABASE_URL, directly or from its
# ConfigMap) in the render $1: with a CA Secret $2 (key $3) it has DATABASE_SSL=true, the Secret's key mounted
# read-only as the file DATABASE_SSL_CA_FILE names; without one ($2 empty) neither the variable nor the mount.
postgres_ca_rendered() {
  "$VENV/bin/python" - "$WORK/$1.yaml" "${2:-}" "${3:-}" << 'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
secret, key = sys.argv[2], sys.argv[3]
configmaps = {d["metadata"]["name"]: d.get("data") or {} for d in docs if d["kind"] == "ConfigMap"}
pod_specs = {
    "Deployment": lambda d: d["spec"]["template"]["spec"],
    "Job": lambda d: d["spec"]["template"]["spec"],
    "CronJob": lambda d: d["spec"]["jobTemplate"]["spec"]["template"]["spec"],
}
problems, checked = [], []
for d in docs:
    if d["kind"] not in pod_specs:
        continue
    spec = pod_specs[d["kind"]](d)
    volume = next((v for v in spec.get("volumes") or [] if v["name"] == "postgres-ca"), None)
    for c in (spec.get("initContainers") or []) + spec["containers"]:
        env = {}
        for ref in c.get("envFrom") or []:
            env.update(configmaps.get(ref.get("configMapRef", {}).get("name"), {}))
        env.update({e["name"]: e.get("value") for e in c.get("env") or []})
        if "DATABASE_URL" not in env:
            continue
        where = f"{d['kind']} {d['metadata']['name']}/{c['name']}"
        checked.append(where)
        mounts = [m for m in c.get("volumeMounts") or [] if m["name"] == "postgres-ca"]
        ca_file = env.get("DATABASE_SSL_CA_FILE")
        if not secret:
            if ca_file or mounts or volume:
                problems.append(f"{where}: a PostgreSQL CA without postgres.tls.caSecret")
            continue
        if env.get("DATABASE_SSL") != "true":
            problems.append(f"{where}: DATABASE_SSL is {env.get('DATABASE_SSL')!r}, not 'true'")
        if (volume or {}).get("secret") != {"secretName": secret, "items": [{"key": key, "path": "ca.crt"}]}:
            problems.append(f"{where}: volume postgres-ca is {volume}, not key {key} of Secret {secret}")
        if len(mounts) != 1 or mounts[0].get("readOnly") is not True:
            problems.append(f"{where}: postgres-ca mounts {mounts}, expected one read-only")
        elif ca_file != mounts[0]["mountPath"] + "/ca.crt":
            problems.append(f"{where}: DATABASE_SSL_CA_FILE {ca_file!r} is not the mounted ca.crt")
if not checked:
    problems.append("no container connects to PostgreSQL")
state = f"CA of {secret} mounted and named" if secret else "no CA mounted or named"
print("\n".join(problems) or f"{len(checked)} PostgreSQL clients: {state}")
sys.exit(1 if problems else 0)
PY
}

# promtool check metrics over the exposition of every service's registry and of the bus' instruments
# (scripts/metrics-exposition.mjs over the built dist, one sample each); fails on any lint problem.
service_metrics_lint() {
  local dir="$WORK/metrics" files file name rc lint_failures=0
  node scripts/metrics-exposition.mjs "$dir" || return 1
  files=("$dir"/*.prom)
  for file in "${files[@]}"; do
    name="$(basename "$file" .prom)"
    promtool check metrics < "$file" 2>&1 | sed "s|^|$name: |"
    rc="${PIPESTATUS[0]}"
    [ "$rc" -eq 0 ] || { echo "$name: promtool check metrics exited $rc"; lint_failures=$((lint_failures + 1)); }
  done
  [ "$lint_failures" -eq 0 ] && echo "${#files[@]} registries lint clean (services, bus)"
}

start=$SECONDS
check "tools installed" install_tools
check "promtool check rules" promtool check rules infra/prometheus/rules/cryptosignal.rules.yml
check "promtool test rules" promtool test rules infra/prometheus/rules/cryptosignal.rules.test.yml
check "promtool check config (compose Prometheus)" promtool check config infra/prometheus/prometheus.compose.yml
check "promtool check config (local Prometheus)" promtool check config infra/prometheus/prometheus.yml
check "telemetry catalogue vs rules, dashboards, runbooks" node infra/otel/check-catalogue.mjs --exposition "$WORK/exposition.txt"
check "promtool check metrics (catalogue names)" bash -c "promtool check metrics < '$WORK/exposition.txt'"
check "promtool check metrics (service and bus registries)" service_metrics_lint
check "grafana dashboards up to date" node infra/grafana/generate/main.mjs --check
compose_env > "$WORK/compose.env"
check "docker-compose config" docker-compose --env-file "$WORK/compose.env" -f docker-compose.yml config -q
check "docker-compose config (GPU overlay)" docker-compose --env-file "$WORK/compose.env" -f docker-compose.yml -f infra/compose/gpu.yml config -q
check "compose-spec schema" "$VENV/bin/check-jsonschema" --builtin-schema vendor.compose-spec docker-compose.yml infra/compose/gpu.yml
check "compose builds resolve; chart images built" builds_resolve
check "hadolint (service and ml Dockerfiles)" "$VENV/bin/hadolint" infra/docker/service.Dockerfile ml/Dockerfile
check "otel collector config parses" "$VENV/bin/python" -c "import yaml; c = yaml.safe_load(open('infra/otel/collector.yaml')); assert c['service']['pipelines']['traces']; print('ok')"
check "kafka ACLs: chart = compose" acl_tables_agree
check "postgres table ownership = migrations" table_owners_match
check "helm lint --strict" "$HELM" lint --strict --kube-version "${KUBE_VERSIONS[-1]}" charts/cryptosignal
check "helm lint --strict (CPU inference, all options)" "$HELM" lint --strict --kube-version "${KUBE_VERSIONS[-1]}" charts/cryptosignal \
  --set services.inference.gpu.enabled=false --set retrain.gpu.enabled=false --set serviceMonitor.enabled=true \
  --set kafka.strimziUsers.enabled=true --set telemetry.otlpEndpoint=http://otel-collector.observability:4318
check "helm template + schemas: defaults (GPU)" render_and_validate defaults
check "helm template + schemas: CPU fallback" render_and_validate cpu --set services.inference.gpu.enabled=false \
  --set retrain.gpu.enabled=false --set services.inference.modelsClaim=models --set retrain.modelsClaim=models
check "helm template + schemas: monitoring, Strimzi, OTLP" render_and_validate options --set serviceMonitor.enabled=true \
  --set kafka.strimziUsers.enabled=true --set telemetry.otlpEndpoint=http://otel-collector.observability:4318 \
  --set networkPolicy.enabled=true --set services.inference.tls.requireClientCert=false
check "helm template + schemas: no NetworkPolicy, no jobs" render_and_validate minimal --set networkPolicy.enabled=false \
  --set retrain.enabled=false --set migrate.enabled=false --set kafka.tls.enabled=false --set kafka.sasl.enabled=false
check "helm template + schemas: PostgreSQL CA file" render_and_validate postgres-ca \
  --set postgres.tls.caSecret=cryptosignal-postgres-ca --set postgres.tls.caKey=root.pem
check "models seed hook: rendered with a models claim" models_seed_rendered cpu 1
check "models seed hook: absent without a claim" models_seed_rendered defaults 0
check "postgres CA: mounted and named for every client" postgres_ca_rendered postgres-ca cryptosignal-postgres-ca root.pem
check "postgres CA: none by default" postgres_ca_rendered defaults

echo "ops-check: $((SECONDS - start))s"
if [ "${#failed[@]}" -gt 0 ]; then
  printf 'ops-check: FAILED: %s\n' "${failed[@]}" >&2
fi
echo "${passed} passed, ${#failed[@]} failed"
[ "${#failed[@]}" -eq 0 ]
