#!/usr/bin/env bash
# Builds the images the package-attribution tests read (__tests__/integration/packages.test.ts),
# with real tools, into a cache dir outside the repo (argument 1, default
# ${TMPDIR:-/tmp}/layerdiff-package-fixtures/<hash of this script>):
#   deb-base.oci.tar  Debian bookworm (mmdebstrap --variant=essential) + a layer installing jq
#   deb-head.oci.tar  the same first layer + a layer installing jq and python3-six
#   npm-base.oci.tar  the same first layer + /app/node_modules from `npm install is-number@7`
#   npm-head.oci.tar  the same first layer + /app/node_modules from `npm install is-number@6 left-pad`
#   pip-base.oci.tar  the same first layer + a site-packages from `pip install six`
#   pip-head.oci.tar  the same first layer + a site-packages from `pip install six idna`
#   rootfs-deb-*/, npm-*/, pip-*/  the extracted trees, for the tests' oracles
# Each second layer is the difference umoci computes (unpack layer 1, replace the rootfs, repack),
# so base and head share layer 1 byte for byte. Needs root (mmdebstrap, umoci unpack), the Debian
# mirror, the npm registry and a Python package index (pip installs the latest six and idna, without
# bytecode; `--retries 0`: where pypi.org does not resolve, pip goes straight on to the machine's
# configured extra index instead of backing off). Writes `done` last: a cache dir without it is rebuilt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
hash=$(sha256sum "$here/make-package-fixtures.sh" | cut -c1-12)
out=${1:-${TMPDIR:-/tmp}/layerdiff-package-fixtures/$hash}
[ -f "$out/done" ] && { echo "$out"; exit 0; }
# Test files run in parallel and may ask at once: one builds, the others wait and reuse it.
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock -w 900 9
[ -f "$out/done" ] && { echo "$out"; exit 0; }
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC SOURCE_DATE_EPOCH=1700000000
suite=bookworm
mirror=${LAYERDIFF_DEBIAN_MIRROR:-http://deb.debian.org/debian}

mmdebstrap --quiet --variant=essential --format=tar "$suite" "$work/essential.tar" "$mirror" >&2
mmdebstrap --quiet --variant=essential --format=tar --include=jq,libjq1,libonig5 "$suite" "$work/jq.tar" "$mirror" >&2
mmdebstrap --quiet --variant=essential --format=tar --include=jq,libjq1,libonig5,python3-six "$suite" "$work/six.tar" "$mirror" >&2

layout="$work/layout"
umoci init --layout "$layout"
umoci new --image "$layout:essential"
umoci raw add-layer --image "$layout:essential" "$work/essential.tar"
umoci config --image "$layout:essential" --history.created_by 'mmdebstrap --variant=essential bookworm'

# second TAG TAR|DIR DEST CREATED_BY: layer 1 + the difference to the tree of TAR (a rootfs tar)
# or of DIR (copied to DEST inside the rootfs).
second() {
  local bundle="$work/bundle-$1"
  umoci unpack --image "$layout:essential" "$bundle" >/dev/null
  if [ -f "$2" ]; then
    find "$bundle/rootfs" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
    tar -xf "$2" -C "$bundle/rootfs"
  else
    mkdir -p "$bundle/rootfs/$3"
    cp -a "$2/." "$bundle/rootfs/$3/"
  fi
  umoci repack --image "$layout:$1" --history.created_by "$4" "$bundle" >/dev/null
  rm -rf "$bundle"
}
second deb-base "$work/jq.tar" / 'RUN apt-get install jq'
second deb-head "$work/six.tar" / 'RUN apt-get install jq python3-six'

for set in base head; do
  mkdir -p "$work/npm-$set"
  echo '{"name":"layerdiff-fixture","version":"1.0.0","private":true}' >"$work/npm-$set/package.json"
done
(cd "$work/npm-base" && npm install --silent --no-audit --no-fund --ignore-scripts is-number@7 >&2)
(cd "$work/npm-head" && npm install --silent --no-audit --no-fund --ignore-scripts is-number@6 left-pad >&2)
second npm-base "$work/npm-base" app 'RUN npm install is-number@7'
second npm-head "$work/npm-head" app 'RUN npm install is-number@6 left-pad'

site=usr/local/lib/python3.11/site-packages
python3 -m pip install --quiet --no-deps --no-compile --disable-pip-version-check --retries 0 --target "$work/pip-base" six >&2
python3 -m pip install --quiet --no-deps --no-compile --disable-pip-version-check --retries 0 --target "$work/pip-head" six idna >&2
second pip-base "$work/pip-base" "$site" 'RUN pip install six'
second pip-head "$work/pip-head" "$site" 'RUN pip install six idna'

# One OCI archive per tag: the shared blobs, an index naming only that tag's manifest.
for tag in deb-base deb-head npm-base npm-head pip-base pip-head; do
  dir="$work/oci-$tag"
  mkdir -p "$dir"
  cp -a "$layout/blobs" "$layout/oci-layout" "$dir/"
  jq --arg tag "$tag" '.manifests |= map(select(.annotations["org.opencontainers.image.ref.name"] == $tag))' "$layout/index.json" >"$dir/index.json"
  tar -cf "$out/$tag.oci.tar" -C "$dir" .
  rm -rf "$dir"
done

mkdir -p "$out/rootfs-deb-head" "$out/rootfs-deb-base"
tar -xf "$work/six.tar" -C "$out/rootfs-deb-head"
tar -xf "$work/jq.tar" -C "$out/rootfs-deb-base"
cp -a "$work/npm-base" "$out/npm-base"
cp -a "$work/npm-head" "$out/npm-head"
cp -a "$work/pip-base" "$out/pip-base"
cp -a "$work/pip-head" "$out/pip-head"
touch "$out/done"
echo "$out"
