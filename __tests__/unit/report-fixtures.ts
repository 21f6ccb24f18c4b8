/** Plain-data snapshots and reports for the pure diff, budget and renderer tests. */
import { createHash } from 'node:crypto';
import { buildReport } from '../../src/engine.js';
import type { BudgetRule } from '../../src/budgets/rules.js';
import { SNAPSHOT_SCHEMA, sumSizes, type LayerRef, type Snapshot } from '../../src/core/snapshot.js';
import type { Report } from '../../src/core/report.js';

export interface LayerSpec {
  id: string;
  size: number;
  compressed?: number | null;
  createdBy?: string | null;
}

/** A deterministic digest from a short name. */
export function digestOf(name: string): string {
  return `sha256:${createHash('sha256').update(name).digest('hex')}`;
}

export function snapshot(reference: string, specs: readonly LayerSpec[], extra: Partial<Snapshot> = {}): Snapshot {
  const layers: LayerRef[] = specs.map((s, index) => ({
    index,
    diffId: digestOf(s.id),
    digest: s.compressed === null ? null : digestOf(`z${s.id}`),
    mediaType: s.compressed === null ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.oci.image.layer.v1.tar+gzip',
    size: s.size,
    compressedSize: s.compressed === undefined ? Math.round(s.size / 3) : s.compressed,
    contentSize: null,
    createdBy: s.createdBy === undefined ? `/bin/sh -c echo ${s.id}` : s.createdBy,
    files: null,
  }));
  return {
    schema: SNAPSHOT_SCHEMA,
    source: { type: 'archive', reference },
    platform: 'linux/amd64',
    manifestDigest: digestOf(`manifest-${reference}`),
    configDigest: digestOf(`config-${reference}`),
    layers,
    totals: sumSizes(layers),
    ...extra,
  };
}

export const MB = 1_000_000;

/** A typical Node app image: base OS, apt, deps, app code. */
export const typicalBase = snapshot('registry.example/app:main', [
  { id: 'os', size: 80 * MB, createdBy: '/bin/sh -c #(nop) ADD file:4f2a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b in / ' },
  { id: 'cmd', size: 0, compressed: 32, createdBy: '/bin/sh -c #(nop)  CMD ["bash"]' },
  { id: 'apt', size: 40 * MB, createdBy: '/bin/sh -c apt-get update && apt-get install -y curl ca-certificates && rm -rf /var/lib/apt/lists/*' },
  { id: 'workdir', size: 1024, createdBy: 'WORKDIR /app' },
  { id: 'pkg', size: 12_000, createdBy: 'COPY package.json package-lock.json ./ # buildkit' },
  { id: 'deps', size: 150 * MB, createdBy: 'RUN |1 NODE_ENV=production /bin/sh -c npm ci --omit=dev # buildkit' },
  { id: 'src', size: 3 * MB, createdBy: 'COPY . . # buildkit' },
]);

export const typicalHead = snapshot('registry.example/app:pr-42', [
  { id: 'os', size: 80 * MB, createdBy: '/bin/sh -c #(nop) ADD file:4f2a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b in / ' },
  { id: 'cmd', size: 0, compressed: 32, createdBy: '/bin/sh -c #(nop)  CMD ["bash"]' },
  { id: 'apt2', size: 52 * MB, createdBy: '/bin/sh -c apt-get update && apt-get install -y curl ca-certificates imagemagick && rm -rf /var/lib/apt/lists/*' },
  { id: 'workdir', size: 1024, createdBy: 'WORKDIR /app' },
  { id: 'pkg2', size: 12_500, createdBy: 'COPY package.json package-lock.json ./ # buildkit' },
  { id: 'deps2', size: 176_200_000, createdBy: 'RUN |1 NODE_ENV=production /bin/sh -c npm ci --omit=dev # buildkit' },
  { id: 'assets', size: 8 * MB, createdBy: 'COPY assets/ /app/assets # buildkit' },
  { id: 'src2', size: 3_100_000, createdBy: 'COPY . . # buildkit' },
]);

export function report(base: Snapshot | null, head: Snapshot, rules: BudgetRule[] = []): Report {
  return buildReport(base, head, rules);
}
