#!/bin/sh
# A clientsync delivery command (docs/secrets.md): one AWS Secrets Manager secret per client,
# `clientsync/<accountId>/<clientId>`, holding the bare client secret. Reads it on stdin
# (stdin: secret) and hands it to the AWS CLI through a private temporary file, never on a
# command line.
#
#   - name: aws
#     command: [/etc/clientsync/aws-secret.sh, "{accountId}", "{clientId}"]
#     env: [AWS_REGION, AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE]
set -eu
name="clientsync/$1/$2"
umask 077
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cat > "$tmp"
if aws secretsmanager describe-secret --secret-id "$name" >/dev/null 2>&1; then
  aws secretsmanager put-secret-value --secret-id "$name" --secret-string "file://$tmp" >/dev/null
else
  aws secretsmanager create-secret --name "$name" --secret-string "file://$tmp" \
    --tags "Key=clientsync-account,Value=$1" >/dev/null
fi
echo "stored $name"
