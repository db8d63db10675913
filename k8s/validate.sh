#!/usr/bin/env bash
# Renders every overlay with kustomize and validates the result offline against the
# Kubernetes and KEDA schemas, plus the rules every Shortlist workload keeps.
#   k8s/validate.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need() {
  command -v "$1" >/dev/null && return
  echo "[k8s] installing $2 (Debian packages)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need kubectl kubectl
need npm npm
npm ci --prefix validate --no-audit --no-fund --silent

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for overlay in overlays/*/; do
  name=$(basename "$overlay")
  kubectl kustomize "$overlay" > "$out/$name.yaml"
  printf '%-10s ' "$name"
  node validate/validate.mjs "$out/$name.yaml"
done
printf '%-10s ' "examples"
node validate/validate.mjs overlays/*/*.example.yaml
