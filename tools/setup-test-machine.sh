#!/usr/bin/env bash
# Installs what `cargo test --workspace` needs on a fresh Debian or Ubuntu machine that has
# the Rust toolchain (rustup), and nothing else:
#   build-essential            the C compiler (bundled SQLite and libpq, aws-lc for HTTPS)
#   libssl-dev, pkg-config     OpenSSL for libpq's TLS (sslmode=require / verify-full)
#   nodejs (20+), npm          the OpenID Connect provider the OIDC tests start
#   npm ci                     that provider and axe-core, into ./node_modules
# With --postgres: the PostgreSQL server (the tests compiled in by TEST_DATABASE_URL, and the
# store's TLS test, which starts a private server with initdb/pg_ctl).
# With --browser: Chromium and chromedriver (the tests compiled in by MADOGUCHI_BROWSER_TESTS=1).
#
# No font and no PDF tool is needed: PDFs are set in the font built into the binary and
# the tests read them back in Rust.
#
# apt-get needs root: run it as root or with sudo (it installs only what is missing, so a
# machine that already has everything needs neither root nor the network, except for npm).
#   sudo bash tools/setup-test-machine.sh [--postgres] [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

postgres=0 browser=0
for arg in "$@"; do
  case "$arg" in
    --postgres) postgres=1 ;;
    --browser) browser=1 ;;
    *) echo "usage: $0 [--postgres] [--browser]" >&2; exit 2 ;;
  esac
done

packages=()
command -v cc >/dev/null || packages+=(build-essential)
command -v pkg-config >/dev/null || packages+=(pkg-config)
pkg-config --exists openssl 2>/dev/null || packages+=(libssl-dev)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
if [ "$postgres" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  packages+=(postgresql)
fi
if [ "$browser" = 1 ]; then
  command -v chromium >/dev/null || packages+=(chromium)
  command -v chromedriver >/dev/null || packages+=(chromium-driver)
fi

if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing: ${packages[*]}; installing them needs root: sudo bash $0 $*" >&2
    exit 1
  fi
  echo "installing: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
fi

major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
if [ "$major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old: the OIDC tests need 20 or later (e.g. from NodeSource)" >&2
  exit 1
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/oidc-provider/package.json ]; then
  # Under sudo, node_modules belongs to the user who asked, not to root.
  if [ -n "${SUDO_USER:-}" ] && [ "$(id -u)" = 0 ]; then
    runuser -u "$SUDO_USER" -- npm ci --no-audit --no-fund --silent
  else
    npm ci --no-audit --no-fund --silent
  fi
fi
echo "ready: cargo test --workspace"
