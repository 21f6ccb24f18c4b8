#!/usr/bin/env bash
# Installs the Debian packages the integration tests drive: real image tools (skopeo, umoci,
# buildah), a real registry (docker-registry) and a real Docker engine (docker.io). Idempotent.
set -euo pipefail
need=()
command -v skopeo >/dev/null || need+=(skopeo)
command -v umoci >/dev/null || need+=(umoci)
command -v buildah >/dev/null || need+=(buildah)
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v dockerd >/dev/null || need+=(docker.io)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v openssl >/dev/null || need+=(openssl)
command -v jq >/dev/null || need+=(jq)
command -v cmark-gfm >/dev/null || need+=(cmark-gfm) # renders comments as GitHub does (escaping tests)
command -v zstd >/dev/null || need+=(zstd)
command -v chromium >/dev/null || need+=(chromium) # runs the mermaid bundle: the trend chart parses (__tests__/integration/mermaid-parse.test.ts)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static) # base filesystem of the images scripts/make-fixtures.sh builds
[ -x /usr/bin/time ] || need+=(time) # peak RSS in npm run bench
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "install-test-deps: not root; tests needing ${need[*]} will skip" >&2
  fi
fi
