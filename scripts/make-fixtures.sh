#!/usr/bin/env bash
# Builds the image fixtures of __tests__/fixtures/built/ and the README example pair in examples/
# with the real tools users build images with: Debian's dockerd (`docker build` + `docker save`),
# buildah, skopeo. No network: every image starts `FROM scratch`.
#
#   bash scripts/make-fixtures.sh           build what is missing, then (re)write facts.json
#   bash scripts/make-fixtures.sh --force   rebuild everything
#
# Idempotent: archives already present are kept (rebuilding changes their bytes, because configs
# carry build timestamps), and facts.json is always recomputed from the archives on disk with GNU
# tar, sha256sum, gzip, zstd and jq only, so the tests check layerdiff against figures that owe
# nothing to layerdiff's code. Needs root (dockerd, buildah).
#
# Two image families, each a base/head pair where the head
#   - keeps the bottom layers (build-cache hits: the same diff_ids),
#   - CHANGES a middle layer (COPY deps/ with new content),
#   - REORDERS an instruction (COPY VERSION moved after deps/),
#   - ADDS a layer that DELETES files of earlier layers: a file whiteout (.wh.debug.log), a directory
#     whiteout (.wh.docs) and an opaque directory (`rm -rf items && mkdir items` -> .wh..wh..opq).
#
# What the tools do with a moved instruction: both dockerd's builder and buildah key their cache on
# the parent layer chain, so a moved instruction is always executed again (a cache miss). Its layer
# is the diff of the filesystem before and after, written as a tar: when the instruction copies files
# whose metadata is fixed (mtime from the build context, uid 0) into a directory that already exists
# unchanged (here `/`), that tar is byte-identical, so the moved layer keeps its diff_id and layerdiff
# matches it as reused. A moved RUN, or a COPY that creates its parent directory, gets fresh mtimes
# and therefore a new diff_id. The layer above a changed one is likewise rebuilt; the fixtures put the
# changed layer where only reproducible COPYs follow it, so the diff shows exactly one changed row.
#
# docker/   (dockerd 20.10 legacy builder, busybox-static as the base filesystem so RUN works)
#   app-base.tar, app-head.tar          real `docker save` output (legacy layout)
#   app-head.tar.gz                     `gzip -c` of app-head.tar (whole-archive gzip)
#   app-head.oci-gzip.tar               skopeo copy docker-archive: -> oci-archive: (gzip layers)
#   app-head.oci-zstd.tar               same with --dest-compress-format zstd
# buildah/  (buildah commits; no shell in these images: files are edited through `buildah mount`,
#            which keeps every archive a few KiB: busybox in every format would break the 10 MB budget)
#   app-{base,head}.docker-archive.tar  buildah push docker-archive:
#   app-{base,head}.oci-archive.tar     buildah push oci-archive:
#   app-head.oci-gzip.tar, app-head.oci-zstd.tar, app-head.oci/ (skopeo: oci-archive gzip/zstd, oci: dir)
#   app-head.docker-archive.tar.gz      `gzip -c` of the docker-archive
# facts.json                            the independent facts the tests check against
# examples/base.tar, examples/head.tar  copies of docker/app-{base,head}.tar (git stores them once)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/__tests__/fixtures/built
EXAMPLES=$ROOT/examples
FORCE=0
BUILT=0
[ "${1:-}" = --force ] && FORCE=1
MAX_ARCHIVE_BYTES=$((2 * 1024 * 1024))
MAX_TOTAL_BYTES=$((10 * 1024 * 1024))
# Fixed mtime for build-context files: COPY layers then come out byte-identical on every build.
EPOCH=1700000000

die() { echo "make-fixtures: $*" >&2; exit 1; }
log() { echo "make-fixtures: $*" >&2; }
for tool in tar sha256sum gzip zstd jq; do command -v "$tool" >/dev/null || die "$tool is required"; done

WORK=$(mktemp -d /tmp/layerdiff-fixtures.XXXXXX)
DOCKERD_PID=
BUILDAH=()
cleanup() {
  set +e
  if [ -n "$DOCKERD_PID" ] && kill -0 "$DOCKERD_PID" 2>/dev/null; then
    kill "$DOCKERD_PID"
    for _ in $(seq 1 40); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.25; done
  fi
  if [ ${#BUILDAH[@]} -gt 0 ]; then
    "${BUILDAH[@]}" rm --all >/dev/null 2>&1
    "${BUILDAH[@]}" rmi --all --force >/dev/null 2>&1
  fi
  # Storage drivers leave mounts under their roots; unmount ours (deepest first) before deleting.
  findmnt -rn -o TARGET | grep -F "$WORK" | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# Build contexts: small generated files, all with the same fixed mtime.
# ---------------------------------------------------------------------------------------------
make_context() { # DIR VARIANT(base|head)
  local dir=$1 variant=$2
  mkdir -p "$dir/app/bin" "$dir/app/etc" "$dir/deps/lib" "$dir/rootfs/etc" "$dir/rootfs/bin"
  printf '1.4.2\n' >"$dir/VERSION"
  printf '#!/bin/sh\necho "app $(cat /VERSION)"\n' >"$dir/app/bin/app"
  chmod 755 "$dir/app/bin/app"
  seq 1 200 | sed 's/^/setting_/; s/$/ = on/' >"$dir/app/etc/app.conf"
  if [ "$variant" = base ]; then
    seq 1 600 | sed 's/^/libdep v1 symbol /' >"$dir/deps/lib/libdep.so"
    printf 'libdep 1.0\n' >"$dir/deps/MANIFEST"
  else
    seq 1 900 | sed 's/^/libdep v2 symbol /' >"$dir/deps/lib/libdep.so"
    printf 'libdep 2.0\n' >"$dir/deps/MANIFEST"
  fi
  printf 'NAME=layerdiff-fixture\nID=fixture\n' >"$dir/rootfs/etc/os-release"
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$dir/rootfs/etc/passwd"
  seq 1 200 | sed 's/^/tool line /' >"$dir/rootfs/bin/tool"
  chmod 755 "$dir/rootfs/bin/tool"
  find "$dir" -exec touch -h -d "@$EPOCH" {} +
}

# ---------------------------------------------------------------------------------------------
# dockerd: our own instance, own roots and socket; never the default socket or /var/lib/docker.
# ---------------------------------------------------------------------------------------------
start_dockerd() {
  command -v dockerd >/dev/null || die "dockerd is required (apt-get install docker.io)"
  command -v docker >/dev/null || die "the docker client is required (apt-get install docker.io)"
  local d=$WORK/dockerd driver
  for driver in overlay2 vfs; do
    rm -rf "$d" && mkdir -p "$d/root" "$d/exec"
    dockerd --data-root "$d/root" --exec-root "$d/exec" --pidfile "$d/pid" -H "unix://$d/sock" \
      --iptables=false --ip6tables=false --bridge=none --storage-driver="$driver" \
      --containerd-namespace "layerdiff-fixtures-$$" --containerd-plugins-namespace "layerdiff-fixtures-$$-p" \
      >"$d/log" 2>&1 &
    DOCKERD_PID=$!
    export DOCKER_HOST=unix://$d/sock
    for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
    if docker version >/dev/null 2>&1; then log "dockerd up ($driver) at $DOCKER_HOST"; return; fi
    log "dockerd with $driver did not start: $(tail -n 3 "$d/log" | tr '\n' ' ')"
    kill "$DOCKERD_PID" 2>/dev/null || true
    wait "$DOCKERD_PID" 2>/dev/null || true
    DOCKERD_PID=
  done
  die "dockerd did not start (see logs above)"
}

build_docker_family() {
  local ctx=$WORK/docker-ctx dst=$OUT/docker
  mkdir -p "$dst"
  start_dockerd
  for variant in base head; do
    rm -rf "$ctx" && make_context "$ctx" "$variant"
    cp /bin/busybox "$ctx/busybox" && touch -d "@$EPOCH" "$ctx/busybox"
    local moved_and_changed
    if [ "$variant" = base ]; then
      moved_and_changed=$'COPY VERSION /VERSION\nCOPY deps/ /deps/'
    else
      # deps/ changed; VERSION moved after it; a cleanup layer added.
      moved_and_changed=$'COPY deps/ /deps/\nCOPY VERSION /VERSION\n'
      moved_and_changed+='RUN rm -f /srv/debug.log && rm -rf /srv/docs && rm -rf /var/cache/app/items && mkdir /var/cache/app/items && echo fresh > /var/cache/app/items/fresh'
    fi
    cat >"$ctx/Dockerfile" <<EOF
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "sh", "-c", "for a in sh cat echo ln ls mkdir rm seq; do /bin/busybox ln -s busybox /bin/\$a; done && /bin/busybox mkdir -m 1777 /tmp"]
RUN mkdir -p /srv/docs /var/cache/app/items && seq 1 300 > /srv/docs/guide.txt && seq 1 200 > /srv/docs/api.txt && seq 1 500 > /srv/debug.log && for i in 1 2 3; do seq 1 \$((i * 100)) > /var/cache/app/items/\$i; done && echo keep > /var/cache/app/keep
COPY app/ /app/
$moved_and_changed
LABEL org.opencontainers.image.title="layerdiff fixture app ($variant)"
CMD ["/app/bin/app"]
EOF
    # The legacy builder is what Debian's docker.io ships without buildx; --network none: no network.
    DOCKER_BUILDKIT=0 docker build -q --network none -t "layerdiff-fixture/app:$variant" "$ctx" >/dev/null 2>"$WORK/build.log" \
      || { cat "$WORK/build.log" >&2; die "docker build ($variant) failed"; }
    docker save -o "$dst/app-$variant.tar" "layerdiff-fixture/app:$variant"
    chmod 644 "$dst/app-$variant.tar"
  done
  gzip -9 -n -c "$dst/app-head.tar" >"$dst/app-head.tar.gz"
  skopeo copy -q --dest-compress --dest-compress-format gzip \
    "docker-archive:$dst/app-head.tar" "oci-archive:$dst/app-head.oci-gzip.tar:layerdiff-fixture/app:head"
  skopeo copy -q --dest-compress --dest-compress-format zstd \
    "docker-archive:$dst/app-head.tar" "oci-archive:$dst/app-head.oci-zstd.tar:layerdiff-fixture/app:head"
}

# ---------------------------------------------------------------------------------------------
# buildah: each step is a commit with the instruction recorded as created_by.
# ---------------------------------------------------------------------------------------------
start_buildah() {
  command -v buildah >/dev/null || die "buildah is required"
  local driver
  for driver in overlay vfs; do
    BUILDAH=(buildah --root "$WORK/buildah-$driver/root" --runroot "$WORK/buildah-$driver/run" --storage-driver "$driver")
    if "${BUILDAH[@]}" from --name probe scratch >/dev/null 2>&1 && "${BUILDAH[@]}" mount probe >/dev/null 2>&1; then
      "${BUILDAH[@]}" rm probe >/dev/null
      log "buildah storage driver: $driver"
      return
    fi
    "${BUILDAH[@]}" rm --all >/dev/null 2>&1 || true
  done
  die "buildah cannot mount a working container with overlay or vfs"
}

# step CONTAINER_FROM IMAGE_TO CREATED_BY COMMAND...: run COMMAND with $MNT = the container's root,
# then commit one layer recorded as CREATED_BY.
step() {
  local from=$1 to=$2 created_by=$3
  shift 3
  local c
  c=$("${BUILDAH[@]}" from --pull-never "$from")
  MNT=$("${BUILDAH[@]}" mount "$c")
  "$@"
  "${BUILDAH[@]}" umount "$c" >/dev/null
  "${BUILDAH[@]}" config --created-by "$created_by" "$c"
  "${BUILDAH[@]}" commit -q --rm "$c" "$to" >/dev/null
}

copy_in() { # SRC DEST (DEST relative to the container root): like COPY, metadata kept
  mkdir -p "$MNT/$(dirname "$2")"
  cp -a "$1" "$MNT/$2"
}
generate_data() {
  mkdir -p "$MNT/srv/docs" "$MNT/var/cache/app/items"
  seq 1 300 >"$MNT/srv/docs/guide.txt"
  seq 1 200 >"$MNT/srv/docs/api.txt"
  seq 1 500 >"$MNT/srv/debug.log"
  for i in 1 2 3; do seq 1 $((i * 100)) >"$MNT/var/cache/app/items/$i"; done
  echo keep >"$MNT/var/cache/app/keep"
}
cleanup_data() {
  rm -f "$MNT/srv/debug.log"
  rm -rf "$MNT/srv/docs"
  rm -rf "$MNT/var/cache/app/items"
  mkdir "$MNT/var/cache/app/items"
  echo fresh >"$MNT/var/cache/app/items/fresh"
}

build_buildah_family() {
  local dst=$OUT/buildah base_ctx=$WORK/buildah-ctx-base head_ctx=$WORK/buildah-ctx-head
  mkdir -p "$dst"
  start_buildah
  make_context "$base_ctx" base
  make_context "$head_ctx" head
  local s0
  s0=$("${BUILDAH[@]}" from scratch)
  "${BUILDAH[@]}" config --os linux --arch amd64 "$s0"
  MNT=$("${BUILDAH[@]}" mount "$s0")
  cp -a "$base_ctx/rootfs/." "$MNT/"
  "${BUILDAH[@]}" umount "$s0" >/dev/null
  "${BUILDAH[@]}" config --created-by 'COPY rootfs/ /' "$s0"
  "${BUILDAH[@]}" commit -q --rm "$s0" stage1 >/dev/null
  step stage1 stage2 'RUN generate /srv/docs /srv/debug.log /var/cache/app' generate_data
  step stage2 stage3 'COPY app/ /app/' copy_in "$base_ctx/app" app
  # base: VERSION then deps
  step stage3 base4 'COPY VERSION /VERSION' copy_in "$base_ctx/VERSION" VERSION
  step base4 app-base 'COPY deps/ /deps/' copy_in "$base_ctx/deps" deps
  # head: deps (changed) then VERSION (moved), then the cleanup layer
  step stage3 head4 'COPY deps/ /deps/' copy_in "$head_ctx/deps" deps
  step head4 head5 'COPY VERSION /VERSION' copy_in "$head_ctx/VERSION" VERSION
  step head5 app-head 'RUN rm -f /srv/debug.log && rm -rf /srv/docs && rm -rf /var/cache/app/items && mkdir /var/cache/app/items' cleanup_data
  for variant in base head; do
    rm -f "$dst/app-$variant.docker-archive.tar" "$dst/app-$variant.oci-archive.tar"
    "${BUILDAH[@]}" push -q "app-$variant" "docker-archive:$dst/app-$variant.docker-archive.tar:layerdiff-fixture/app:$variant" >/dev/null
    "${BUILDAH[@]}" push -q "app-$variant" "oci-archive:$dst/app-$variant.oci-archive.tar:layerdiff-fixture/app:$variant" >/dev/null
  done
  rm -rf "$dst/app-head.oci"
  skopeo copy -q --dest-compress --dest-compress-format gzip \
    "docker-archive:$dst/app-head.docker-archive.tar" "oci-archive:$dst/app-head.oci-gzip.tar:layerdiff-fixture/app:head"
  skopeo copy -q --dest-compress --dest-compress-format zstd \
    "docker-archive:$dst/app-head.docker-archive.tar" "oci-archive:$dst/app-head.oci-zstd.tar:layerdiff-fixture/app:head"
  skopeo copy -q "docker-archive:$dst/app-head.docker-archive.tar" "oci:$dst/app-head.oci:head"
  gzip -9 -n -c "$dst/app-head.docker-archive.tar" >"$dst/app-head.docker-archive.tar.gz"
}

# ---------------------------------------------------------------------------------------------
# Facts, computed from the archives alone.
# ---------------------------------------------------------------------------------------------
compression_of() { # FILE -> gzip|zstd|none, from the magic bytes
  local magic
  magic=$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')
  case $magic in
    1f8b*) echo gzip ;;
    28b52ffd) echo zstd ;;
    *) echo none ;;
  esac
}
decompress() { # FILE COMPRESSION -> stdout
  case $2 in
    gzip) gzip -dc "$1" ;;
    zstd) zstd -dcq "$1" ;;
    *) cat "$1" ;;
  esac
}

# image_facts PATH(relative to OUT) -> one JSON object on stdout
image_facts() {
  local rel=$1 src=$OUT/$1 x=$WORK/facts-x whole=none layout
  rm -rf "$x" && mkdir -p "$x"
  if [ -d "$src" ]; then
    cp -a "$src/." "$x/"
  else
    whole=$(compression_of "$src")
    decompress "$src" "$whole" | tar -xf - -C "$x"
  fi
  local config layer_paths=() media_types=() digests=() manifest_digest=null
  if [ -f "$x/manifest.json" ]; then
    layout=docker-save
    [ -f "$x/index.json" ] && layout=docker-oci
    config=$x/$(jq -r '.[0].Config' "$x/manifest.json")
    mapfile -t layer_paths < <(jq -r '.[0].Layers[]' "$x/manifest.json" | sed "s|^|$x/|")
    for p in "${layer_paths[@]}"; do media_types+=(null); digests+=(null); done
  else
    layout=oci
    [ -f "$x/oci-layout" ] || die "$rel: neither manifest.json nor oci-layout"
    local mdigest
    mdigest=$(jq -r '.manifests[0].digest' "$x/index.json")
    manifest_digest="\"$mdigest\""
    local manifest=$x/blobs/sha256/${mdigest#sha256:}
    [ "sha256:$(sha256sum <"$manifest" | cut -d' ' -f1)" = "$mdigest" ] || die "$rel: manifest digest mismatch"
    config=$x/blobs/sha256/$(jq -r '.config.digest' "$manifest" | sed 's/^sha256://')
    mapfile -t digests < <(jq -r '.layers[].digest' "$manifest")
    mapfile -t media_types < <(jq -r '.layers[].mediaType' "$manifest")
    for d in "${digests[@]}"; do layer_paths+=("$x/blobs/sha256/${d#sha256:}"); done
  fi
  local config_digest
  config_digest=sha256:$(sha256sum <"$config" | cut -d' ' -f1)
  mapfile -t config_diff_ids < <(jq -r '.rootfs.diff_ids[]' "$config")
  mapfile -t created_by < <(jq -r '[.history[]? | select(.empty_layer != true) | .created_by // ""] | .[]' "$config")
  [ ${#config_diff_ids[@]} -eq ${#layer_paths[@]} ] || die "$rel: ${#layer_paths[@]} layers but ${#config_diff_ids[@]} diff_ids"
  local layers=() i
  for i in "${!layer_paths[@]}"; do
    local p=${layer_paths[$i]} comp diff_id size stored stored_digest
    comp=$(compression_of "$p")
    diff_id=sha256:$(decompress "$p" "$comp" | sha256sum | cut -d' ' -f1)
    size=$(decompress "$p" "$comp" | wc -c)
    stored=$(stat -c %s "$p")
    stored_digest=sha256:$(sha256sum <"$p" | cut -d' ' -f1)
    [ "$diff_id" = "${config_diff_ids[$i]}" ] || die "$rel: layer $i hashes to $diff_id, config says ${config_diff_ids[$i]}"
    [ "${digests[$i]}" = null ] || [ "${digests[$i]}" = "$stored_digest" ] || die "$rel: layer $i digest mismatch"
    local whiteouts
    whiteouts=$(decompress "$p" "$comp" | tar -tf - | grep -E '(^|/)\.wh\.' | jq -R . | jq -sc . || true)
    layers+=("$(jq -nc --argjson index "$i" --arg diffId "$diff_id" --arg storedDigest "$stored_digest" \
      --argjson mediaType "$(jq -nc --arg m "${media_types[$i]}" 'if $m == "null" then null else $m end')" \
      --arg compression "$comp" --argjson size "$size" --argjson storedSize "$stored" \
      --arg createdBy "${created_by[$i]:-}" --argjson whiteouts "${whiteouts:-[]}" \
      '{index: $index, diffId: $diffId, storedDigest: $storedDigest, mediaType: $mediaType, compression: $compression,
        size: $size, storedSize: $storedSize, compressedSize: (if $compression == "none" then null else $storedSize end),
        createdBy: $createdBy, whiteouts: $whiteouts}')")
  done
  printf '%s\n' "${layers[@]}" | jq -sc --arg path "$rel" --arg layout "$layout" --arg whole "$whole" \
    --arg configDigest "$config_digest" --argjson manifestDigest "$manifest_digest" \
    --arg platform "$(jq -r '.os + "/" + .architecture + (if .variant then "/" + .variant else "" end)' "$config")" \
    --argjson bytes "$(find "$src" -type f -printf '%s\n' | awk '{ n += $1 } END { print n }')" \
    '{path: $path, layout: $layout, wholeArchiveCompression: $whole, bytes: $bytes, platform: $platform,
      configDigest: $configDigest, manifestDigest: $manifestDigest, layerCount: length, layers: .,
      totals: {size: (map(.size) | add), compressedSize: (if all(.compression != "none") then (map(.storedSize) | add) else null end)}}'
}

write_facts() {
  local entries=() rel
  while read -r rel; do
    log "facts: $rel"
    entries+=("$(image_facts "$rel")")
  done < <(cd "$OUT" && { find . -name '*.tar' -o -name '*.tar.gz'; find . -name '*.oci' -type d; } | sed 's|^\./||' | sort)
  # The tools that built the archives: recorded when building, kept from the last build otherwise.
  local tools
  if [ "$BUILT" = 1 ] || [ ! -f "$OUT/facts.json" ]; then
    tools=$(jq -nc --arg docker "$(dockerd --version 2>/dev/null || true)" --arg buildah "$(buildah --version 2>/dev/null || true)" \
      --arg skopeo "$(skopeo --version 2>/dev/null || true)" '{docker: $docker, buildah: $buildah, skopeo: $skopeo}')
  else
    tools=$(jq -c '.tools' "$OUT/facts.json")
  fi
  printf '%s\n' "${entries[@]}" | jq -s --arg generatedBy scripts/make-fixtures.sh --argjson tools "$tools" \
    '{generatedBy: $generatedBy,
      note: "Computed with GNU tar, sha256sum, gzip, zstd and jq from the archives alone; regenerate with bash scripts/make-fixtures.sh.",
      tools: $tools,
      images: (map({key: .path, value: .}) | from_entries),
      sameImage: {
        "docker-head": ["docker/app-head.tar", "docker/app-head.tar.gz", "docker/app-head.oci-gzip.tar", "docker/app-head.oci-zstd.tar"],
        "buildah-head": ["buildah/app-head.docker-archive.tar", "buildah/app-head.docker-archive.tar.gz", "buildah/app-head.oci-archive.tar",
                         "buildah/app-head.oci-gzip.tar", "buildah/app-head.oci-zstd.tar", "buildah/app-head.oci"],
        "buildah-base": ["buildah/app-base.docker-archive.tar", "buildah/app-base.oci-archive.tar"]
      },
      pairs: [
        {base: "docker/app-base.tar", head: "docker/app-head.tar"},
        {base: "buildah/app-base.docker-archive.tar", head: "buildah/app-head.docker-archive.tar"},
        {base: "buildah/app-base.oci-archive.tar", head: "buildah/app-head.oci-archive.tar"}
      ]}' >"$WORK/facts.json"
  mv "$WORK/facts.json" "$OUT/facts.json"
}

check_sizes() {
  local total=0 f size
  while read -r f; do
    size=$(stat -c %s "$f")
    total=$((total + size))
    case $f in */blobs/*|*/index.json|*/oci-layout) continue ;; esac
    [ "$size" -lt "$MAX_ARCHIVE_BYTES" ] || die "$f is $size bytes (limit $MAX_ARCHIVE_BYTES)"
  done < <(find "$OUT" -type f)
  [ "$total" -lt "$MAX_TOTAL_BYTES" ] || die "fixtures total $total bytes (limit $MAX_TOTAL_BYTES)"
  log "fixtures total: $total bytes"
}

# ---------------------------------------------------------------------------------------------
if [ "$FORCE" = 1 ] || [ ! -f "$OUT/docker/app-head.oci-zstd.tar" ] || [ ! -f "$OUT/buildah/app-head.docker-archive.tar.gz" ]; then
  [ "$(id -u)" = 0 ] || die "building needs root (dockerd, buildah); run as root or keep the committed fixtures"
  case "$( (/bin/busybox --help || true) 2>&1)" in *BusyBox*) ;; *) die "/bin/busybox missing: apt-get install busybox-static" ;; esac
  if command -v file >/dev/null; then
    case "$(file -b /bin/busybox)" in *static*) ;; *) die "/bin/busybox is not static: apt-get install busybox-static" ;; esac
  fi
  for tool in skopeo buildah; do command -v "$tool" >/dev/null || die "$tool is required"; done
  rm -rf "$OUT/docker" "$OUT/buildah"
  BUILT=1
  build_docker_family
  build_buildah_family
  mkdir -p "$EXAMPLES"
  install -m 644 "$OUT/docker/app-base.tar" "$EXAMPLES/base.tar"
  install -m 644 "$OUT/docker/app-head.tar" "$EXAMPLES/head.tar"
fi
check_sizes
write_facts
log "wrote $OUT/facts.json"
