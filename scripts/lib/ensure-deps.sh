#!/usr/bin/env bash
# Installs node_modules from the lock file when they are missing, older than the lock, or were
# installed by another Node major (native add-ons). Runs on the Node that node-runtime.sh chose.
set -euo pipefail
cd "$(dirname "$0")/../.."
major=$(node -p 'process.versions.node.split(".")[0]')
marker=node_modules/.seaward-node-major
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ||
      "$(cat "$marker" 2>/dev/null)" != "$major" ]]; then
  echo "installing dependencies on Node $(node --version) (npm ci)…" >&2
  npm ci --no-audit --no-fund --loglevel=warn
  echo "$major" > "$marker"
fi
