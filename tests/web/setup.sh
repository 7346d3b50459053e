#!/bin/bash
# Installs the browser tests' npm packages (tests/web/package-lock.json) into DIR/node_modules,
# with `npm ci`, unless the ones there were installed from the same lock file.
# Usage: tests/web/setup.sh DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$1
mkdir -p "$dir"
if cmp -s "$here/package-lock.json" "$dir/node_modules/.scrutineer-lock.json"; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
cp "$here/package-lock.json" "$dir/node_modules/.scrutineer-lock.json"
