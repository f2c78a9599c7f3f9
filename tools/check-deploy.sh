#!/usr/bin/env bash
# Checks the deploy kit without a container engine (CI has none; .ci/run calls this):
#   1. deploy/Containerfile: every COPY source exists in the repository, and .dockerignore
#      does not hide one;
#   2. deploy/compose.yaml: parses (PyYAML), has the services, and every secret, *_FILE
#      variable, mounted file and `depends_on` it names is defined;
#   3. deploy/nginx/madoguchi.conf: `nginx -t` with upstream.conf's names replaced by
#      loopback and a throwaway self-signed certificate (skipped, and said, without nginx;
#      `--require-nginx` makes that a failure).
#   tools/check-deploy.sh [--require-nginx]
set -euo pipefail
cd "$(dirname "$0")/.."
require_nginx=false
[ "${1:-}" = --require-nginx ] && require_nginx=true

echo "Containerfile: COPY sources"
python3 - <<'PY'
import fnmatch, pathlib, shlex, sys
root = pathlib.Path(".")
ignored = [l.strip().lstrip("/") for l in (root / ".dockerignore").read_text().splitlines()
           if l.strip() and not l.startswith("#")]
lines = (root / "deploy/Containerfile").read_text().replace("\\\n", " ").splitlines()
bad, seen = [], 0
for line in lines:
    words = shlex.split(line, comments=True) if line.strip() else []
    if not words or words[0].upper() != "COPY":
        continue
    args = [w for w in words[1:] if not w.startswith("--")]
    if any(w.startswith("--from") for w in words[1:]):
        continue
    for src in args[:-1]:
        seen += 1
        if not (root / src).exists():
            bad.append(f"{src}: not in the repository")
        elif any(fnmatch.fnmatch(src, pat) or src == pat or src.startswith(pat + "/") for pat in ignored):
            bad.append(f"{src}: excluded by .dockerignore")
for b in bad:
    print("  " + b)
if bad or seen == 0:
    sys.exit("Containerfile: bad COPY sources" if bad else "Containerfile: no COPY found")
print(f"  {seen} sources present")
PY

echo "compose.yaml: structure"
python3 - <<'PY'
import pathlib, re, sys
import yaml  # PyYAML (pip install pyyaml)
deploy = pathlib.Path("deploy")
doc = yaml.safe_load((deploy / "compose.yaml").read_text())
problems = []
services, secrets = doc["services"], doc.get("secrets", {})
volumes, networks = doc.get("volumes", {}), doc.get("networks", {})
for name in ["db", "migrate", "serve-1", "serve-2", "worker", "proxy", "mail", "objects", "backup"]:
    if name not in services:
        problems.append(f"no service {name}")
for name, svc in services.items():
    if "image" not in svc:
        problems.append(f"{name}: no image")
    mounted = {}
    for s in svc.get("secrets", []):
        source = s if isinstance(s, str) else s["source"]
        target = f"/run/secrets/{s}" if isinstance(s, str) else s.get("target", f"/run/secrets/{source}")
        if source not in secrets:
            problems.append(f"{name}: secret {source} is not defined")
        mounted[target] = source
    for var, value in (svc.get("environment") or {}).items():
        if var.endswith("_FILE") and str(value) not in mounted:
            problems.append(f"{name}: {var}={value} is no secret of the service")
    text = yaml.safe_dump(svc)
    for path in re.findall(r"/run/secrets/[A-Za-z0-9_]+", text):
        if path not in mounted:
            problems.append(f"{name}: {path} is read but not mounted")
    for v in svc.get("volumes", []):
        source = v.split(":")[0]
        if source.startswith("."):
            if not (deploy / source).exists():
                problems.append(f"{name}: mounts {source}, not in deploy/")
        elif source not in volumes:
            problems.append(f"{name}: volume {source} is not defined")
    for n in svc.get("networks", []):
        if n not in networks:
            problems.append(f"{name}: network {n} is not defined")
    for d in svc.get("depends_on", {}):
        if d not in services:
            problems.append(f"{name}: depends on unknown {d}")
for name, s in secrets.items():
    if not str(s.get("file", "")).startswith("./secrets/"):
        problems.append(f"secret {name}: not a file under deploy/secrets/")
made = (deploy / "secrets/make.sh").read_text()
for name, s in secrets.items():
    file = pathlib.PurePath(s["file"]).name
    stem = file.split(".")[0]
    if file not in made and stem not in made:
        problems.append(f"secret {name}: secrets/make.sh does not make {file}")
nodes = [n for n in ("serve-1", "serve-2") if n in services]
upstream = (deploy / "nginx/upstream.conf").read_text()
for n in nodes:
    if f"server {n}:8080" not in upstream:
        problems.append(f"nginx/upstream.conf does not name {n}:8080")
proxy_ip = services["proxy"]["networks"]["back"]["ipv4_address"]
if services["serve-1"]["environment"]["MADOGUCHI_TRUSTED_PROXIES"] != proxy_ip:
    problems.append("MADOGUCHI_TRUSTED_PROXIES is not the proxy's address")
for p in problems:
    print("  " + p)
if problems:
    sys.exit("compose.yaml: problems above")
print(f"  {len(services)} services, {len(secrets)} secrets")
PY

echo "nginx: madoguchi.conf"
if ! command -v nginx >/dev/null; then
  if $require_nginx; then
    echo "nginx is not installed (apt-get install nginx-light)" >&2
    exit 1
  fi
  echo "  SKIPPED: nginx is not installed (apt-get install nginx-light to check it)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tls" "$work/logs"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=madoguchi.test" \
  -keyout "$work/tls/madoguchi.key" -out "$work/tls/madoguchi.crt" 2>/dev/null
sed 's/server serve-[0-9]*:8080/server 127.0.0.1:8080/' deploy/nginx/upstream.conf > "$work/upstream.conf"
cat > "$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log stderr notice;
events {}
http {
    access_log off;
    include $work/upstream.conf;
    include $PWD/deploy/nginx/madoguchi.conf;
}
EOF
# The access log path of madoguchi.conf is nginx's own folder: the check opens it.
nginx -t -q -p "$work" -c "$work/nginx.conf"
echo "  nginx -t: ok ($(nginx -v 2>&1))"
