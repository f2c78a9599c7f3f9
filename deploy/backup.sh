#!/usr/bin/env bash
# One consistent backup of a Madoguchi instance, while it runs, into one archive:
#
#   deploy/backup.sh [--database-url URL] [--data-dir DIR] [--keys-dir DIR] [--out DIR]
#
#   --database-url  sqlite://PATH or postgres://…   (default: $MADOGUCHI_DATABASE_URL, else
#                   sqlite:// + DATA_DIR/madoguchi.db)
#   --data-dir      the service's data_dir          (default: $MADOGUCHI_DATA_DIR, else ./data)
#   --keys-dir      a folder of key files given to the service as MADOGUCHI_<NAME>_KEY_FILE
#                   (container secrets, systemd credentials), backed up as they are
#   --out           where the archive goes          (default: .)
#
# The archive, madoguchi-backup-<UTC time>.tar.gz (mode 0600: it holds the keys), contains
#   MANIFEST              what, when, which engine, from where
#   SHA256SUMS            a checksum of every other file (restore.sh checks them first)
#   database.sqlite       SQLite's online backup (the `.backup` command), or
#   database.pgdump       pg_dump --format=custom (pg_restore reads it)
#   data/csrf.key, data/keys/*.key      the keys kept in data_dir
#   data/files/…          the stored attachments (not .incoming/); none with
#                         [storage] kind = "s3": the bucket's versioning and replication
#                         are their backup
#   keys/…                the --keys-dir files
# Mail written as .eml files (no SMTP) is left out. Needs: tar, sha256sum, and sqlite3 (or
# python3) for SQLite, pg_dump (same major version as the server or newer) for PostgreSQL.
# Restore with deploy/restore.sh; docs/operations.md, Deploying, has the drill.
set -euo pipefail
umask 077

die() { echo "backup: $*" >&2; exit 1; }

data_dir=${MADOGUCHI_DATA_DIR:-data}
database_url=${MADOGUCHI_DATABASE_URL:-}
keys_dir=""
out="."
while [ $# -gt 0 ]; do
  case "$1" in
    --database-url) database_url=${2:?}; shift 2 ;;
    --data-dir) data_dir=${2:?}; shift 2 ;;
    --keys-dir) keys_dir=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[ -n "$database_url" ] || database_url="sqlite://$data_dir/madoguchi.db"
[ -d "$data_dir" ] || die "no data_dir at $data_dir"
[ -z "$keys_dir" ] || [ -d "$keys_dir" ] || die "no keys folder at $keys_dir"
mkdir -p "$out"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
name="madoguchi-backup-$stamp"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/$name"
mkdir -p "$stage/data"

case "$database_url" in
  sqlite://*)
    engine=sqlite
    db_file=${database_url#sqlite://}
    db_file=${db_file%%\?*}
    [ -f "$db_file" ] || die "no SQLite database at $db_file"
    # The online backup API: a consistent copy while the service writes (WAL included).
    if command -v sqlite3 >/dev/null; then
      sqlite3 "$db_file" ".timeout 10000" ".backup '$stage/database.sqlite'"
    else
      python3 - "$db_file" "$stage/database.sqlite" <<'PY'
import sqlite3, sys
src = sqlite3.connect(sys.argv[1], timeout=10)
dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
dst.close()
PY
    fi
    ;;
  postgres://*|postgresql://*)
    engine=postgres
    command -v pg_dump >/dev/null || die "pg_dump is needed for a PostgreSQL database (apt-get install postgresql-client)"
    # One snapshot of the whole database (a repeatable-read transaction), without owners or
    # grants so it restores into a database owned by another role.
    pg_dump --format=custom --no-owner --no-privileges --file="$stage/database.pgdump" \
      --dbname="$database_url"
    ;;
  *) die "database_url must start with sqlite:// or postgres://" ;;
esac

# Keys and stored files, after the database: a file a filing in the dump names is already
# on disk (files are stored before the filing commits), so the copy has every one.
[ -f "$data_dir/csrf.key" ] && cp -p "$data_dir/csrf.key" "$stage/data/"
if [ -d "$data_dir/keys" ]; then
  cp -rp "$data_dir/keys" "$stage/data/keys"
fi
if [ -d "$data_dir/files" ]; then
  (cd "$data_dir" && tar --exclude=./files/.incoming -cf - ./files) | (cd "$stage/data" && tar -xpf -)
fi
if [ -n "$keys_dir" ]; then
  mkdir -p "$stage/keys"
  # Only the files (a secrets mount may hold links to a hidden data folder).
  find -L "$keys_dir" -maxdepth 1 -type f ! -name '.*' -exec cp -L {} "$stage/keys/" \;
fi
count() { { find "$@" 2>/dev/null || true; } | wc -l; }
found_keys=$(count "$stage/data" "$stage/keys" -type f -name '*.key')
[ "$found_keys" -gt 0 ] || echo "backup: warning: no keys found (data_dir or --keys-dir): without the mynumber key the My Numbers in this backup cannot be read" >&2

files=$(count "$stage/data/files" -type f)
{
  echo "format=madoguchi-backup-1"
  echo "created_at=$stamp"
  echo "engine=$engine"
  echo "host=$(hostname)"
  echo "data_dir=$(cd "$data_dir" && pwd)"
  echo "keys_dir=${keys_dir:+$(cd "$keys_dir" && pwd)}"
  echo "keys=$found_keys"
  echo "stored_files=$files"
} > "$stage/MANIFEST"
(cd "$stage" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)

archive="$out/$name.tar.gz"
tar -C "$work" -czf "$archive.partial" "$name"
mv "$archive.partial" "$archive"
echo "$archive"
