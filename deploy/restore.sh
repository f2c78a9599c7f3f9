#!/usr/bin/env bash
# Restores an archive made by deploy/backup.sh, with the service stopped:
#
#   deploy/restore.sh [--database-url URL] [--data-dir DIR] [--keys-dir DIR] [--force] ARCHIVE
#
#   --database-url  where the database goes: sqlite://PATH (a file that is not there yet)
#                   or postgres://… (an existing, empty database: CREATE DATABASE first)
#                   (default: $MADOGUCHI_DATABASE_URL, else sqlite:// + DATA_DIR/madoguchi.db)
#   --data-dir      the data_dir to fill: keys and stored files (default:
#                   $MADOGUCHI_DATA_DIR, else ./data)
#   --keys-dir      where the archive's keys/ files go (the folder the service's
#                   MADOGUCHI_<NAME>_KEY_FILE variables point into)
#   --force         replace what is there: a non-empty data_dir, keys folder, SQLite file
#                   or PostgreSQL database (its objects are dropped). Without it, restore
#                   refuses to write over anything.
#
# The checksums are checked before anything is written. The database must be restored with
# the keys it was backed up with (they are in the archive): the service checks them at start.
# The engine cannot be changed by a restore (a SQLite backup restores into SQLite).
set -euo pipefail
umask 077

die() { echo "restore: $*" >&2; exit 1; }

data_dir=${MADOGUCHI_DATA_DIR:-data}
database_url=${MADOGUCHI_DATABASE_URL:-}
keys_dir=""
force=false
archive=""
while [ $# -gt 0 ]; do
  case "$1" in
    --database-url) database_url=${2:?}; shift 2 ;;
    --data-dir) data_dir=${2:?}; shift 2 ;;
    --keys-dir) keys_dir=${2:?}; shift 2 ;;
    --force) force=true; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) die "unknown argument $1 (see --help)" ;;
    *) [ -z "$archive" ] || die "one archive at a time"; archive=$1; shift ;;
  esac
done
[ -n "$archive" ] || die "which archive? (see --help)"
[ -f "$archive" ] || die "no archive at $archive"
[ -n "$database_url" ] || database_url="sqlite://$data_dir/madoguchi.db"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$archive"
set -- "$work"/madoguchi-backup-*
[ $# -eq 1 ] && [ -f "$1/MANIFEST" ] || die "$archive is not a Madoguchi backup (no MANIFEST)"
stage=$1
grep -qx 'format=madoguchi-backup-1' "$stage/MANIFEST" || die "unknown backup format in $archive"
(cd "$stage" && sha256sum --quiet --check --strict SHA256SUMS) || die "checksums do not match: $archive is damaged"
engine=$(sed -n 's/^engine=//p' "$stage/MANIFEST")

# Refuse before writing anything.
not_empty() { [ -d "$1" ] && [ -n "$(ls -A "$1")" ]; }
refuse() { $force || die "$1 (--force replaces it)"; }
case "$database_url" in
  sqlite://*)
    [ "$engine" = sqlite ] || die "the archive holds a $engine database; restore it into $engine"
    db_file=${database_url#sqlite://}
    db_file=${db_file%%\?*}
    [ ! -s "$db_file" ] || refuse "there is already a database at $db_file"
    ;;
  postgres://*|postgresql://*)
    [ "$engine" = postgres ] || die "the archive holds a $engine database; restore it into $engine"
    command -v pg_restore >/dev/null && command -v psql >/dev/null \
      || die "pg_restore and psql are needed (apt-get install postgresql-client)"
    tables=$(psql "$database_url" -Atc "select count(*) from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')") \
      || die "cannot reach the database (create it first: CREATE DATABASE … OWNER …)"
    [ "$tables" -eq 0 ] || refuse "the database has $tables tables"
    ;;
  *) die "database_url must start with sqlite:// or postgres://" ;;
esac
# The SQLite file may live in data_dir itself: only other entries make it "not empty".
if [ -d "$data_dir" ] && [ -n "$(ls -A "$data_dir" | grep -vx 'madoguchi.db\(-wal\|-shm\)\?' || true)" ]; then
  refuse "$data_dir is not empty"
fi
[ -z "$keys_dir" ] || ! not_empty "$keys_dir" || refuse "$keys_dir is not empty"
[ -z "$keys_dir" ] || [ -d "$stage/keys" ] || die "--keys-dir given, but the archive has no keys/ (backed up without --keys-dir)"

# Data folder: keys and stored files.
if $force && [ -d "$data_dir" ]; then
  rm -rf "$data_dir/keys" "$data_dir/files" "$data_dir/csrf.key"
fi
mkdir -p "$data_dir"
(cd "$stage/data" && tar -cf - .) | (cd "$data_dir" && tar -xpf -)
if [ -n "$keys_dir" ]; then
  mkdir -p "$keys_dir"
  cp -rp "$stage/keys"/. "$keys_dir/"
fi

# Database.
case "$engine" in
  sqlite)
    mkdir -p "$(dirname "$db_file")"
    rm -f "$db_file" "$db_file-wal" "$db_file-shm"
    cp "$stage/database.sqlite" "$db_file.restoring"
    mv "$db_file.restoring" "$db_file"
    ;;
  postgres)
    clean=()
    $force && clean=(--clean --if-exists)
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction "${clean[@]}" \
      --dbname="$database_url" "$stage/database.pgdump"
    ;;
esac
echo "restored $(sed -n 's/^created_at=//p' "$stage/MANIFEST") ($engine, $(sed -n 's/^stored_files=//p' "$stage/MANIFEST") stored files) into $data_dir"
