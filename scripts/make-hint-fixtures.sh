#!/usr/bin/env bash
# Builds the two images the hints tests read, with buildah (no network, no Dockerfile):
#   __tests__/fixtures/hints/sloppy.oci.tar  every layout mistake the hints know about
#   __tests__/fixtures/hints/clean.oci.tar   the same app built the right way
# The base layer is Debian's static busybox (apt-get install busybox-static); the "packages",
# caches, toolchain and project files are fakes of realistic size made of repetitive text, so the
# layers stay small on disk while their uncompressed bytes cross the thresholds. buildah exports
# an OCI layout; each layer is then recompressed with `zstd -19` (buildah's own gzip and zstd
# leave the busybox layer just over 1 MB) and the manifest and index are rewritten to match.
# Files are staged in a temp dir and placed with `buildah copy`; deletions are made on the mounted
# container, so buildah itself writes the whiteouts. Needs root (buildah mount). Rerun to regenerate.
set -euo pipefail
cd "$(dirname "$0")/.."
out=__tests__/fixtures/hints
busybox=/bin/busybox
[ -x "$busybox" ] && file "$busybox" | grep -q 'statically linked' || { echo "make-hint-fixtures: need a static $busybox (apt-get install busybox-static)" >&2; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
containers=()
cleanup() {
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
  buildah rmi -f localhost/layerdiff-hints-sloppy localhost/layerdiff-hints-clean >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export TZ=UTC
epoch=1700000000

# text FILE BYTES WORD: a compressible file of exactly BYTES bytes.
text() { mkdir -p "$(dirname "$1")"; (set +o pipefail; yes -- "$3" | head -c "$2") > "$1"; touch -d "@$epoch" "$1"; }

# layer IMAGE CREATED_BY: commits the working container $ctr as one new layer of IMAGE.
layer() {
  buildah config --created-by "$2" "$ctr" >/dev/null
  buildah commit --quiet --timestamp "$epoch" "$ctr" "$1" >/dev/null
  buildah rm "$ctr" >/dev/null
  ctr=$(buildah from "$1")
  containers+=("$ctr")
}

base() {
  ctr=$(buildah from scratch)
  containers+=("$ctr")
  mkdir -p "$work/base/bin"
  cp "$busybox" "$work/base/bin/busybox"
  ln -sf busybox "$work/base/bin/sh"
  touch -h -d "@$epoch" "$work/base/bin/busybox" "$work/base/bin/sh" "$work/base/bin"
  buildah copy --quiet "$ctr" "$work/base" / >/dev/null
  layer "$1" '/bin/sh -c #(nop) ADD file:busybox in / '
}

# export IMAGE NAME: an OCI archive of IMAGE at $out/NAME.oci.tar, layers zstd-compressed.
export_archive() {
  local layout="$work/layout-$2"
  buildah push --quiet "$1" "oci:$layout:$2" >/dev/null
  node --input-type=module - "$layout" <<'JS'
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const dir = process.argv[2];
const blob = (d) => `${dir}/blobs/${d.replace(':', '/')}`;
const put = (bytes) => {
  const digest = 'sha256:' + createHash('sha256').update(bytes).digest('hex');
  writeFileSync(blob(digest), bytes);
  return { digest, size: bytes.length };
};
const index = JSON.parse(readFileSync(`${dir}/index.json`, 'utf8'));
for (const entry of index.manifests) {
  const manifest = JSON.parse(readFileSync(blob(entry.digest), 'utf8'));
  rmSync(blob(entry.digest));
  for (const layer of manifest.layers) {
    const stored = readFileSync(blob(layer.digest));
    const tar = stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored.readUInt32LE(0) === 0xfd2fb528 ? execFileSync('zstd', ['-dc'], { input: stored, maxBuffer: 1 << 30 }) : stored;
    const packed = put(execFileSync('zstd', ['-19', '-q', '-c'], { input: tar, maxBuffer: 1 << 30 }));
    if (packed.digest !== layer.digest) rmSync(blob(layer.digest));
    Object.assign(layer, { mediaType: layer.mediaType.replace(/\+(gzip|zstd)$/, '') + '+zstd' }, packed);
  }
  Object.assign(entry, put(Buffer.from(JSON.stringify(manifest))));
}
writeFileSync(`${dir}/index.json`, JSON.stringify(index));
JS
  rm -f "$out/$2.oci.tar"
  tar -C "$layout" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf "$out/$2.oci.tar" oci-layout index.json blobs
}

# --- sloppy ----------------------------------------------------------------------------------
img=localhost/layerdiff-hints-sloppy
base "$img"
s="$work/sloppy1"
text "$s/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages" $((3 * 1024 * 1024)) 'Package: libfoo Version: 1.0-1 Architecture: amd64'
text "$s/var/cache/apt/archives/gcc-12_12.2.0-14_amd64.deb" $((1536 * 1024)) 'fake deb payload'
text "$s/var/cache/apt/pkgcache.bin" $((512 * 1024)) 'pkgcache'
text "$s/usr/bin/gcc-12" $((6 * 1024 * 1024)) 'fake gcc driver'
text "$s/usr/lib/gcc/x86_64-linux-gnu/12/cc1" $((12 * 1024 * 1024)) 'fake cc1 compiler'
for h in stdio stdlib string unistd; do text "$s/usr/include/$h.h" $((256 * 1024)) "extern int $h;"; done
buildah copy --quiet "$ctr" "$s" / >/dev/null
layer "$img" '/bin/sh -c apt-get update && apt-get install -y build-essential'

p="$work/project"
text "$p/src/main.js" 4096 'console.log("hello");'
text "$p/package.json" 512 '{"name":"app"}'
text "$p/.git/objects/pack/pack-0123456789abcdef.pack" $((96 * 1024)) 'git pack data'
text "$p/.git/HEAD" 23 'ref: refs/heads/main'
text "$p/.env" 64 'DATABASE_PASSWORD=hunter2'
text "$p/tests/fixtures/large-response.json" $((160 * 1024)) '{"items":[1,2,3]}'
text "$p/npm-debug.log" $((32 * 1024)) 'npm ERR! something'
text "$p/node_modules/typescript/lib/typescript.js" $((3 * 1024 * 1024)) 'var ts = {};'
text "$p/node_modules/express/index.js" $((64 * 1024)) 'module.exports = require("./lib/express");'
text "$p/data/model.bin" $((2 * 1024 * 1024)) 'weights'
buildah copy --quiet "$ctr" "$p" /app >/dev/null
layer "$img" '/bin/sh -c #(nop) COPY dir:project in /app '

c="$work/pip"
text "$c/root/.cache/pip/http/v2/a/b/c/d/e/0123456789abcdef" $((1536 * 1024)) 'cached wheel'
buildah copy --quiet "$ctr" "$c" / >/dev/null
layer "$img" '/bin/sh -c pip install requests'

# chmod in its own layer: the whole file ships again.
mnt=$(buildah mount "$ctr")
chmod 0600 "$mnt/app/data/model.bin"
buildah umount "$ctr" >/dev/null
layer "$img" '/bin/sh -c chmod 600 /app/data/model.bin'

# Deleting the lists in a later layer: they still ship in the apt layer.
mnt=$(buildah mount "$ctr")
rm -rf "$mnt/var/lib/apt/lists/"*
buildah umount "$ctr" >/dev/null
layer "$img" '/bin/sh -c rm -rf /var/lib/apt/lists/*'
export_archive "$img" sloppy

# --- clean twin ------------------------------------------------------------------------------
img=localhost/layerdiff-hints-clean
base "$img"
k="$work/clean1"
text "$k/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt" $((200 * 1024)) '-----BEGIN CERTIFICATE-----'
mkdir -p "$k/var/lib/apt/lists/partial"
touch "$k/var/lib/apt/lists/lock"
find "$k" -exec touch -h -d "@$epoch" {} +
buildah copy --quiet "$ctr" "$k" / >/dev/null
layer "$img" '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*'

q="$work/clean-app"
mkdir -p "$q"
cp -a "$p/src" "$p/package.json" "$p/data" "$q/"
mkdir -p "$q/node_modules" && cp -a "$p/node_modules/express" "$q/node_modules/"
chmod 0600 "$q/data/model.bin"
buildah copy --quiet "$ctr" "$q" /app >/dev/null
layer "$img" '/bin/sh -c #(nop) COPY dir:app in /app '
export_archive "$img" clean

ls -l "$out"
