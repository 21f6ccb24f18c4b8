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
command -v chromium >/dev/null || need+=(chromium) # lays the comment's headline out as a browser does (report-headline-width test) and runs the mermaid bundle (mermaid-parse test)
dpkg -s fonts-liberation >/dev/null 2>&1 || need+=(fonts-liberation) # Arial's metrics, a fallback of GitHub's font stack
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need+=(fonts-noto-color-emoji) # the verdict marks at their real width
command -v mmdebstrap >/dev/null || need+=(mmdebstrap) # Debian images for the package-attribution tests (scripts/make-package-fixtures.sh)
python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip) # a real site-packages layer for the same tests
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
