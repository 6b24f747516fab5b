#!/usr/bin/env bash
# Installs what the end-to-end tests need, offline apart from Debian and the npm registry:
# chromium and neovim (Debian), code-server 4.100.3 (npm; the last release on Node 20) into e2e/.code-server.
set -euo pipefail
cd "$(dirname "$0")"
need=()
for p in chromium neovim libkrb5-dev ripgrep build-essential python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi
if [ ! -x .code-server/node_modules/.bin/code-server ]; then
  # @vscode/ripgrep would download its binary from GitHub: hand it Debian's instead, where it looks first.
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  tmp=$(mktemp -d)
  cp /usr/bin/rg "$tmp/rg"
  tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
  rm -rf "$tmp"
  mkdir -p .code-server
  echo '{"name":"crosswalk-e2e-host","private":true}' > .code-server/package.json
  (cd .code-server && npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error code-server@4.100.3)
fi
.code-server/node_modules/.bin/code-server --version | head -1
