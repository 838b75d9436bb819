#!/bin/sh
# A clientsync delivery command (docs/secrets.md): one Kubernetes Secret per account,
# `clientsync-<accountId>` in namespace $K8S_NAMESPACE, with one key per client
# (`<clientId>`: that client's secret). It reads the bare secret on stdin (stdin: secret):
#
#   - name: kubernetes
#     command: [/etc/clientsync/k8s-secret.sh, "{accountId}", "{clientId}"]
#     env: [K8S_NAMESPACE, KUBECONFIG]
#
# The Secret is rendered client-side (`kubectl create secret generic … --dry-run=client -o yaml`)
# and piped into `kubectl apply -f -`. Server-side apply with a field manager per client merges
# this client's key into the Secret and leaves the other clients' keys alone. The secret never
# appears on a command line (ps would show it) or in the output.
set -eu

account="$1"
client="$2"
namespace="${K8S_NAMESPACE:?list K8S_NAMESPACE in the target's env}"

umask 077
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cat > "$tmp"

kubectl create secret generic "clientsync-$account" --namespace "$namespace" \
    --from-file="$client=$tmp" --dry-run=client -o yaml \
  | kubectl apply --namespace "$namespace" --server-side --force-conflicts \
    --field-manager="clientsync-$client" -f - >/dev/null
echo "stored $client in secret/clientsync-$account"
