/**
 * The real multi-platform base/head pair of scripts/make-platform-fixtures.sh (buildah, FROM scratch
 * + COPY, no emulation), built once into tmp (keyed by the script's content) and shared by the
 * `--platform all` tests, with an independent oracle: the archives unpacked by tar, read with jq,
 * layers decompressed by gzip.
 *   base: linux/amd64, linux/arm64, linux/arm/v7
 *   head: linux/amd64 (unchanged), linux/arm64 (its app layer grows), linux/arm/v6 (new)
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run } from './registry-server.js';
import { repoRoot } from './repo-root.js';
import { needTools } from './skip-policy.js';

/** Why the platform fixtures cannot be built here (null: they can); fails under CI (skip-policy). */
export const platformFixturesSkip = (): string | null => needTools(['buildah', 'skopeo', 'jq', 'gzip', 'tar', 'flock']);

export interface OracleLayer {
  digest: string;
  size: number;
  uncompressed: number;
  diffId: string;
}
export interface OracleImage {
  platform: string;
  manifest: string;
  layers: OracleLayer[];
}

export interface PlatformFixtures {
  dir: string;
  base: string;
  head: string;
  baseOracle: OracleImage[];
  headOracle: OracleImage[];
}

/** Builds the pair (or finds it built) and reads both archives with the oracle. */
export async function platformFixtures(): Promise<PlatformFixtures> {
  const script = path.join(repoRoot, 'scripts', 'make-platform-fixtures.sh');
  const key = createHash('sha256')
    .update(await readFile(script))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(os.tmpdir(), `layerdiff-platform-fixtures-${key}`);
  // Several test files build it: one at a time (the script exits at once when it finds it built).
  await run('flock', [`${dir}.lock`, 'bash', script, dir]);
  const base = path.join(dir, 'base.oci-archive.tar');
  const head = path.join(dir, 'head.oci-archive.tar');
  const [baseOracle, headOracle] = await Promise.all([oracle(base), oracle(head)]);
  return { dir, base, head, baseOracle, headOracle };
}

/**
 * The archive unpacked by tar and read with jq: every non-attestation manifest of index.json, its
 * layers' stored sizes (the descriptors) and uncompressed sizes (gzip -dc | wc -c).
 */
export async function oracle(archive: string): Promise<OracleImage[]> {
  const script = `
set -euo pipefail
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
tar -xf "$1" -C "$d"
# buildah's index.json points at the image index (nested once); follow it.
top="$d/index.json"
while [ "$(jq -r '.manifests[0].mediaType' "$top")" = "application/vnd.oci.image.index.v1+json" ]; do
  top="$d/blobs/sha256/$(jq -r '.manifests[0].digest | sub("sha256:"; "")' "$top")"
done
jq -c '.manifests[] | select(.annotations["vnd.docker.reference.type"] != "attestation-manifest")' "$top" | while read -r desc; do
  digest=$(jq -r .digest <<<"$desc")
  platform=$(jq -r '.platform | [.os, .architecture, .variant] | map(select(. != null)) | join("/")' <<<"$desc")
  m="$d/blobs/sha256/\${digest#sha256:}"
  config="$d/blobs/sha256/$(jq -r '.config.digest | sub("sha256:"; "")' "$m")"
  i=0
  layers=$(jq -c '.layers[]' "$m" | while read -r l; do
    ld=$(jq -r .digest <<<"$l")
    un=$(gzip -dc "$d/blobs/sha256/\${ld#sha256:}" | wc -c)
    diff=$(jq -r ".rootfs.diff_ids[$i]" "$config")
    i=$((i + 1))
    jq -nc --argjson l "$l" --argjson un "$un" --arg diff "$diff" '{digest: $l.digest, size: $l.size, uncompressed: $un, diffId: $diff}'
  done | jq -sc .)
  jq -nc --arg p "$platform" --arg m "$digest" --argjson layers "$layers" '{platform: $p, manifest: $m, layers: $layers}'
done | jq -sc .
`;
  return JSON.parse(await run('bash', ['-c', script, 'oracle', archive])) as OracleImage[];
}

export const sumOf = (layers: readonly OracleLayer[], key: 'size' | 'uncompressed'): number => layers.reduce((n, l) => n + l[key], 0);
