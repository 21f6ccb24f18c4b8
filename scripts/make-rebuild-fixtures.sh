#!/usr/bin/env bash
# Builds the "timestamp-only rebuild" pair the identical-content tests read (issue 11.2): the same
# Dockerfile built twice with `docker build --no-cache` by a private Debian dockerd, so every RUN
# and COPY layer is written again with fresh mtimes, PLUS differences a reviewer must tell apart:
#   - one layer whose content really changes (`echo build-A` vs `echo build-B`: same size, other bytes),
#   - one COPY layer whose owner changes (`--chown=1000:1000` vs `--chown=1001:1001`: metadata only).
# No network: FROM scratch with Debian's static busybox as the filesystem (like make-fixtures.sh).
#
#   bash scripts/make-rebuild-fixtures.sh [OUT_DIR]   default: ${TMPDIR:-/tmp}/layerdiff-rebuild-fixtures
#
# Cached: when OUT_DIR/facts.json exists the script does nothing (the tests call it every run).
# Writes OUT_DIR/base.tar and OUT_DIR/head.tar (`docker save`, layers stored uncompressed), the
# same images as gzip OCI archives (base.oci.tar, head.oci.tar: `skopeo copy --dest-compress`, so
# compressed sizes are known) and OUT_DIR/facts.json: per layer of each image, facts computed with
# GNU tar, sha256sum and jq only (nothing of layerdiff's): its diff_id, tar size, gzip blob size in
# the OCI archive (`compressedSize`), and three keys:
#   contentKey  sha256 over the sorted `tar -tv` listing without owner and date (type, mode, size,
#               name, link target) plus the sorted sha256sum of every regular file, extracted;
#   ownerKey    sha256 over the sorted listing of names with numeric uid/gid;
#   orderKey    sha256 over the names in archive order.
# Needs root (dockerd).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-${TMPDIR:-/tmp}/layerdiff-rebuild-fixtures}
FORMAT_VERSION=2
die() { echo "make-rebuild-fixtures: $*" >&2; exit 1; }
log() { echo "make-rebuild-fixtures: $*" >&2; }

cached() { [ -f "$OUT/facts.json" ] && [ "$(jq -r '.formatVersion // 0' "$OUT/facts.json" 2>/dev/null)" = "$FORMAT_VERSION" ]; }
cached && exit 0
# Test runs in several checkouts may ask at once: one builds, the others wait and find the cache.
mkdir -p "$(dirname "$OUT")"
exec 9>"$OUT.lock"
command -v flock >/dev/null && flock -w 600 9
cached && exit 0
for tool in tar sha256sum jq dockerd docker skopeo; do command -v "$tool" >/dev/null || die "$tool is required (bash scripts/install-test-deps.sh)"; done
[ "$(id -u)" = 0 ] || die "building needs root (dockerd)"
case "$( (/bin/busybox --help || true) 2>&1)" in *BusyBox*) ;; *) die "/bin/busybox missing: apt-get install busybox-static" ;; esac
if command -v file >/dev/null; then
  case "$(file -b /bin/busybox)" in *static*) ;; *) die "/bin/busybox is not static: apt-get install busybox-static" ;; esac
fi

# Build next to OUT and move into place at the end, so a half-built cache is never read. The short
# prefix keeps dockerd's unix socket path under 108 bytes.
WORK=$(mktemp -d /tmp/ldr-XXXXXX)
DOCKERD_PID=
cleanup() {
  set +e
  if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
    kill "$DOCKERD_PID"
    for _ in $(seq 1 40); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.25; done
  fi
  findmnt -rn -o TARGET | grep -F "$WORK" | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$WORK"
}
trap cleanup EXIT

start_dockerd() {
  local d=$WORK/d
  mkdir -p "$d/root" "$d/exec"
  dockerd --data-root "$d/root" --exec-root "$d/exec" --pidfile "$d/pid" -H "unix://$d/sock" \
    --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    --containerd-namespace "ldr-$$" --containerd-plugins-namespace "ldr-$$-p" >"$d/log" 2>&1 &
  DOCKERD_PID=$!
  export DOCKER_HOST=unix://$d/sock
  for _ in $(seq 1 120); do docker version >/dev/null 2>&1 && return; kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
  die "dockerd did not start: $(tail -n 3 "$d/log" | tr '\n' ' ')"
}

# build VARIANT(A|B) OWNER: one image from the same Dockerfile but the content line and the owner.
build() {
  local variant=$1 owner=$2 ctx=$WORK/ctx-$1
  mkdir -p "$ctx/app/bin" "$ctx/app/etc"
  cp /bin/busybox "$ctx/busybox"
  printf '#!/bin/sh\necho app\n' >"$ctx/app/bin/app"
  chmod 755 "$ctx/app/bin/app"
  seq 1 3000 | sed 's/^/setting_/; s/$/ = on/' >"$ctx/app/etc/app.conf"
  # The build context is the same in both builds, mtimes included: what differs is what the builds write.
  find "$ctx" -exec touch -h -d @1700000000 {} +
  cat >"$ctx/Dockerfile" <<EOF
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "sh", "-c", "for a in sh cat echo ln ls mkdir rm seq; do /bin/busybox ln -s busybox /bin/\$a; done && /bin/busybox mkdir -m 1777 /tmp"]
RUN mkdir -p /srv/data && seq 1 60000 > /srv/data/numbers.txt && ln -s numbers.txt /srv/data/latest && ln /srv/data/numbers.txt /srv/data/hard
COPY --chown=$owner:$owner app/ /app/
RUN echo build-$variant > /srv/variant
RUN seq 1 40000 > /srv/data/more.txt
CMD ["/app/bin/app"]
EOF
  DOCKER_BUILDKIT=0 docker build -q --no-cache --network none -t "layerdiff-rebuild/app:$variant" "$ctx" >/dev/null 2>"$WORK/build.log" \
    || { cat "$WORK/build.log" >&2; die "docker build ($variant) failed"; }
  # The mtimes a rebuild writes are whole seconds: make sure the second build lands on another one.
  sleep 1.1
}

# layer_facts LAYER_TAR INDEX -> one JSON object
layer_facts() {
  local tar_file=$1 index=$2 x=$WORK/x
  rm -rf "$x" && mkdir -p "$x"
  local listing content owners order
  # `tar -tv` columns: mode, uid/gid, size, date, time, name [-> target | link to target].
  listing=$(tar --numeric-owner -tvf "$tar_file" | awk '{ $2 = ""; $4 = ""; $5 = ""; print }' | LC_ALL=C sort)
  owners=$(tar --numeric-owner -tvf "$tar_file" | awk '{ print $2, $6 }' | LC_ALL=C sort)
  order=$(tar -tf "$tar_file")
  tar -xf "$tar_file" -C "$x" --no-same-owner
  content=$(cd "$x" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
  jq -nc --argjson index "$index" \
    --arg diffId "sha256:$(sha256sum <"$tar_file" | cut -d' ' -f1)" \
    --argjson size "$(stat -c %s "$tar_file")" \
    --arg contentKey "$(printf '%s\n--\n%s\n' "$listing" "$content" | sha256sum | cut -d' ' -f1)" \
    --arg ownerKey "$(printf '%s\n' "$owners" | sha256sum | cut -d' ' -f1)" \
    --arg orderKey "$(printf '%s\n' "$order" | sha256sum | cut -d' ' -f1)" \
    --argjson entries "$(printf '%s\n' "$order" | grep -c .)" \
    '{index: $index, diffId: $diffId, size: $size, entries: $entries, contentKey: $contentKey, ownerKey: $ownerKey, orderKey: $orderKey}'
}

# oci_sizes OCI_ARCHIVE -> JSON array of the manifest's layer blob sizes, bottom first
oci_sizes() {
  local o=$WORK/o
  rm -rf "$o" && mkdir -p "$o"
  tar -xf "$1" -C "$o"
  local manifest
  manifest=$o/blobs/sha256/$(jq -r '.manifests[0].digest' "$o/index.json" | sed 's/^sha256://')
  jq -c '[.layers[].size]' "$manifest"
}

# archive_facts ARCHIVE OCI_ARCHIVE -> JSON array of layer facts, bottom first
archive_facts() {
  local a=$WORK/a
  rm -rf "$a" && mkdir -p "$a"
  tar -xf "$1" -C "$a"
  local layers=() i=0 p
  while read -r p; do
    layers+=("$(layer_facts "$a/$p" "$i")")
    i=$((i + 1))
  done < <(jq -r '.[0].Layers[]' "$a/manifest.json")
  local config=$a/$(jq -r '.[0].Config' "$a/manifest.json")
  mapfile -t diff_ids < <(jq -r '.rootfs.diff_ids[]' "$config")
  [ "${#diff_ids[@]}" -eq "$i" ] || die "$1: $i layers but ${#diff_ids[@]} diff_ids"
  printf '%s\n' "${layers[@]}" | jq -sc --argjson compressed "$(oci_sizes "$2")" \
    'if ($compressed | length) != length then error("layer counts differ") else [to_entries[] | .value + {compressedSize: $compressed[.key]}] end'
}

start_dockerd
mkdir -p "$WORK/out"
build A 1000
build B 1001
docker save -o "$WORK/out/base.tar" layerdiff-rebuild/app:A
docker save -o "$WORK/out/head.tar" layerdiff-rebuild/app:B
for side in base head; do
  skopeo copy -q --dest-compress --dest-compress-format gzip \
    "docker-archive:$WORK/out/$side.tar" "oci-archive:$WORK/out/$side.oci.tar:layerdiff-rebuild/app:$side"
done
jq -n --argjson formatVersion "$FORMAT_VERSION" --argjson base "$(archive_facts "$WORK/out/base.tar" "$WORK/out/base.oci.tar")" \
  --argjson head "$(archive_facts "$WORK/out/head.tar" "$WORK/out/head.oci.tar")" --arg docker "$(dockerd --version)" \
  '{formatVersion: $formatVersion, generatedBy: "scripts/make-rebuild-fixtures.sh", tools: {docker: $docker},
    note: "Facts from GNU tar, sha256sum and jq only; contentKey excludes owner and dates.", base: $base, head: $head}' >"$WORK/out/facts.json"
chmod 644 "$WORK/out/"*
rm -rf "$OUT"
mv "$WORK/out" "$OUT"
log "built $OUT"
