#!/usr/bin/env python3
"""Every crate the workspace depends on must carry a permissive licence, so a city can
ship the binary. A licence expression passes when one of its OR-alternatives consists only
of allowed licences."""
import json
import re
import subprocess
import sys

ALLOWED = {
    "MIT", "MIT-0", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-2-Clause", "BSD-3-Clause",
    "ISC", "Zlib", "MPL-2.0", "0BSD",
    # Also permissive, found in common Rust crates:
    "Unicode-3.0",     # Unicode data tables (unicode-ident, icu)
    "Unlicense",       # public-domain dedication, always offered beside MIT here
    "BSL-1.0",         # Boost
    "CC0-1.0",         # public-domain dedication
    "PostgreSQL",      # libpq sources (pq-src): BSD/MIT-like
}

# What is built for this machine's target: a crate that only another platform pulls in (on
# wasm32, rustls-platform-verifier takes Mozilla's roots from webpki-root-certs) is not
# shipped in the binary a city runs.
host = next(line.split(": ", 1)[1] for line in subprocess.check_output(
    ["rustc", "-vV"], text=True).splitlines() if line.startswith("host: "))
meta = json.loads(subprocess.check_output(
    ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", host],
    text=True))
ours = set(meta["workspace_members"])
used = {node["id"] for node in meta["resolve"]["nodes"]}

def ok(expr: str) -> bool:
    expr = expr.replace("/", " OR ")
    for alt in re.split(r"\s+OR\s+", expr.replace("(", " ").replace(")", " ")):
        parts = [p.strip() for p in re.split(r"\s+AND\s+", alt.strip()) if p.strip()]
        if parts and all(p in ALLOWED for p in parts):
            return True
    return False

bad = []
for pkg in meta["packages"]:
    if pkg["id"] in ours or pkg["id"] not in used:
        continue
    lic = pkg.get("license")
    if not lic:
        bad.append(f"{pkg['name']} {pkg['version']}: no licence expression ({pkg.get('license_file')})")
    elif not ok(lic):
        bad.append(f"{pkg['name']} {pkg['version']}: {lic}")

if bad:
    print("Crates without an allowed licence:")
    print("\n".join(sorted(bad)))
    sys.exit(1)
print(f"{len(used) - len(ours)} dependencies, all permissively licensed")
