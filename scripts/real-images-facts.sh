#!/usr/bin/env bash
# Establishes the facts about ../shared/fixtures/real-images independently of layerdiff, with GNU tar,
# jq, gzip, zstd and sha256sum: for each image in each archive, its platform, config digest and, per
# layer, the diff_id (sha256 of the decompressed blob), the uncompressed size, the stored size when
# stored compressed, and the created_by of its history entry.
# Writes __tests__/fixtures/real-images-facts.json. Usage: scripts/real-images-facts.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/fixtures/real-images}"
out=__tests__/fixtures/real-images-facts.json
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Facts about one layer blob (path on disk) -> JSON object on stdout.
layer_facts() {
  local blob="$1" created_by="$2" magic stored sum size compressed
  magic="$(head -c 4 "$blob" | od -An -tx1 | tr -d ' \n')"
  stored="$(stat -L -c %s "$blob")"
  local cat=(cat)
  case "$magic" in
    1f8b*) cat=(gzip -dc); compressed="$stored" ;;
    28b52ffd) cat=(zstd -dcq); compressed="$stored" ;;
    *) compressed=null ;;
  esac
  sum="$("${cat[@]}" < "$blob" | sha256sum | cut -c1-64)"
  size="$("${cat[@]}" < "$blob" | wc -c)"
  jq -cn --arg d "sha256:$sum" --argjson s "$size" --argjson c "$compressed" --argjson cb "$created_by" \
    '{diffId:$d, size:$s, compressedSize:$c, createdBy:$cb}'
}

# Facts about one image given its config file and its layer files -> JSON on stdout.
image_facts() {
  local root="$1" config="$2" tag="$3"; shift 3
  local platform history layers=() i=0
  platform="$(jq -r '[.os, .architecture] + (if .variant then [.variant] else [] end) | join("/")' "$root/$config")"
  history="$(jq -c '[(.history // [])[] | select(.empty_layer != true) | .created_by]' "$root/$config")"
  for layer in "$@"; do
    layers+=("$(layer_facts "$root/$layer" "$(jq -c ".[$i] // null" <<<"$history")")")
    i=$((i + 1))
  done
  jq -cn --arg tag "$tag" --arg p "$platform" --arg cd "sha256:$(sha256sum < "$root/$config" | cut -c1-64)" \
    --argjson ids "$(jq -c '.rootfs.diff_ids' "$root/$config")" \
    --argjson layers "$(printf '%s\n' "${layers[@]}" | jq -cs .)" \
    '{tag:$tag, platform:$p, configDigest:$cd, configDiffIds:$ids, layers:$layers}'
}

results=()
for archive in "$dir"/*.tar "$dir"/*.tar.gz; do
  name="$(basename "$archive")"
  root="$work/$name"
  mkdir -p "$root"
  tar -xf "$archive" -C "$root" 2>/dev/null || true
  images=()
  if [ -f "$root/index.json" ] && [ ! -f "$root/manifest.json" ]; then
    # Pure OCI layout: index.json -> manifest (single platform in these fixtures).
    mdigest="$(jq -r '.manifests[0].digest' "$root/index.json")"
    manifest="blobs/sha256/${mdigest#sha256:}"
    config="blobs/sha256/$(jq -r '.config.digest' "$root/$manifest" | sed 's/^sha256://')"
    mapfile -t ls < <(jq -r '.layers[].digest | sub("^sha256:"; "blobs/sha256/")' "$root/$manifest")
    images+=("$(image_facts "$root" "$config" "" "${ls[@]}")")
  elif [ -f "$root/manifest.json" ]; then
    count="$(jq length "$root/manifest.json")"
    for ((n = 0; n < count; n++)); do
      config="$(jq -r ".[$n].Config" "$root/manifest.json")"
      tag="$(jq -r "(.[$n].RepoTags // [])[0] // \"\"" "$root/manifest.json")"
      mapfile -t ls < <(jq -r ".[$n].Layers[]" "$root/manifest.json")
      images+=("$(image_facts "$root" "$config" "$tag" "${ls[@]}")")
    done
  fi
  if [ ${#images[@]} -eq 0 ]; then
    results+=("$(jq -cn --arg n "$name" '{($n): {images: []}}')")
  else
    results+=("$(jq -cn --arg n "$name" --argjson imgs "$(printf '%s\n' "${images[@]}" | jq -cs .)" '{($n): {images: $imgs}}')")
  fi
  rm -rf "$root"
done
printf '%s\n' "${results[@]}" | jq -s 'add' > "$out"
echo "wrote $out ($(jq length "$out") archives)"
