#!/usr/bin/env bash
# Makes the secrets deploy/compose.yaml reads, in this folder, where missing (an existing
# one is never replaced: the keys must stay the same for the life of the database).
#   deploy/secrets/make.sh [HOSTNAME]     (the certificate's name; default madoguchi.city.example)
# The certificate is self-signed, for a first start: put the real one in tls.crt / tls.key.
# Back the keys up (deploy/backup.sh --keys-dir) — without mynumber.key the My Numbers in
# the database cannot be read.
set -euo pipefail
cd "$(dirname "$0")"
umask 077
host=${1:-madoguchi.city.example}
made() { [ -e "$1" ] && echo "kept $1" && return 1; echo "made $1"; }

for key in csrf totp mynumber enrolment counter; do
  if made "$key.key"; then openssl rand -hex 32 > "$key.key"; fi
done
if made db_password; then openssl rand -hex 24 > db_password; fi
if made tls.key; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 90 -subj "/CN=$host" \
    -addext "subjectAltName=DNS:$host" -keyout tls.key -out tls.crt 2>/dev/null
fi
if made s3.json; then
  access=$(openssl rand -hex 10); secret=$(openssl rand -hex 20)
  cat > s3.json <<JSON
{"identities": [{"name": "madoguchi-backup", "credentials": [{"accessKey": "$access", "secretKey": "$secret"}],
  "actions": ["Read", "Write", "List", "Tagging"]}]}
JSON
  printf '[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$access" "$secret" > s3-credentials
fi

# The image's user (uid 10001) reads the keys; PostgreSQL's (uid 999 in its image) and the
# nodes read the database password. Only root on the host can change them.
if [ "$(id -u)" = 0 ]; then
  chown 10001:10001 ./*.key
  chmod 0400 ./*.key
  chmod 0444 db_password
else
  echo "not root: run 'sudo chown 10001:10001 deploy/secrets/*.key && chmod 0444 deploy/secrets/db_password'" >&2
fi
