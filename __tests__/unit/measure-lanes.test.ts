/**
 * Measuring uncompressed sizes in parallel lanes (issue 11 part 4): an in-memory blob store whose
 * layer streams dribble their bytes counts how many are open at once, which diff_ids were opened,
 * and whether every stream is closed when the run settles, including when one lane fails.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/core/events.js';
import { snapshotPair } from '../../src/engine.js';
import { MediaType, type Descriptor } from '../../src/image/oci.js';
import { lanesFrom, MAX_LANES, runInLanes } from '../../src/layers/measure-lanes.js';
import { handleFromBlobStore } from '../../src/sources/image-handle.js';
import type { ImageHandle } from '../../src/sources/types.js';
import { errorOf } from '../helpers/error-of.js';
import { layerTar, sha256 } from '../helpers/image-tar-builder.js';
import { memoryBlobStore, type MemoryStore } from '../helpers/memory-blob-store.js';
import { within } from '../helpers/within.js';

/** What the store saw: streams open now, the most at once, opens per blob, streams never closed. */
interface Tally {
  open: number;
  peak: number;
  opened: string[];
}

/**
 * A registry-like store (sizes unknown until measured) whose streams hand out their blob in 1 KiB
 * pieces, one per timer tick, so several layers are really in flight at once. `endless` blobs stall
 * after their first piece: only a destroy closes them.
 */
function dribblingStore(tally: Tally, endless: ReadonlySet<string> = new Set()): MemoryStore {
  const store = memoryBlobStore({
    locality: 'remote',
    top: () => ({ kind: 'document', blob: { bytes: Buffer.from(top), location: 'tag' }, digest: 'sha256:' + '0'.repeat(64), tags: null }),
  });
  let top = '';
  const inner = store.open.bind(store);
  store.open = async (blob, what) => {
    const whole = Buffer.concat(await (await inner(blob, what)).toArray());
    tally.opened.push(blob.location);
    tally.open += 1;
    tally.peak = Math.max(tally.peak, tally.open);
    let at = 0;
    const stream = new Readable({
      read() {
        setTimeout(() => {
          // A stalled blob gives its first piece and then nothing more: it hangs until destroyed.
          if (endless.has(blob.location) && at > 0) return;
          if (at >= whole.length) this.push(null);
          else {
            this.push(whole.subarray(at, at + 1024));
            at += 1024;
          }
        }, 1);
      },
    });
    stream.once('close', () => (tally.open -= 1));
    return stream;
  };
  (store as MemoryStore & { setTop(t: string): void }).setTop = (t: string) => (top = t);
  return store;
}

/** Puts an image of gzip layers (bodies as given: a test may break one) and points the store at it. */
function putImage(store: MemoryStore, tars: Buffer[], bodies: Buffer[] = tars.map((t) => gzipSync(t))): string[] {
  const layers: Descriptor[] = bodies.map((body) => ({ mediaType: MediaType.ociLayerGzip, digest: store.put(body), size: body.length }));
  const config = JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: tars.map((t) => sha256(t)) } });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: store.put(config), size: Buffer.byteLength(config) },
    layers,
  });
  (store as MemoryStore & { setTop(t: string): void }).setTop(manifest);
  return layers.map((l) => l.digest);
}

const tars = Array.from({ length: 6 }, (_, i) => layerTar({ [`app/file${i}`]: `layer ${i} `.repeat(2000 + 300 * i) }));

async function handleOf(store: MemoryStore, reference: string): Promise<ImageHandle> {
  return handleFromBlobStore(store, { type: 'registry', reference }, {});
}

describe('measuring sizes in parallel lanes', () => {
  it('keeps `lanes` layers in flight, measures a layer both images share once, and keeps layer order', async () => {
    const tally: Tally = { open: 0, peak: 0, opened: [] };
    const headStore = dribblingStore(tally);
    const baseStore = dribblingStore(tally);
    const headDigests = putImage(headStore, tars);
    // The base shares layers 1-4 and has its own last layer.
    const baseTars = [...tars.slice(0, 4), layerTar({ 'app/base-only': 'b'.repeat(5000) })];
    const baseDigests = putImage(baseStore, baseTars);
    const events: EngineEvent[] = [];
    const { base, head } = await within(
      snapshotPair(await handleOf(baseStore, 'base'), await handleOf(headStore, 'head'), { lanes: 3, onEvent: (e) => events.push(e) }),
      20_000,
    );
    expect(head.layers.map((l) => l.size)).toEqual(tars.map((t) => t.length));
    expect(base!.layers.map((l) => l.size)).toEqual(baseTars.map((t) => t.length));
    expect(head.layers.map((l) => l.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(head.layers.map((l) => l.compressedSize)).toEqual(tars.map((t) => gzipSync(t).length));
    // 6 head layers + the base's own one: the shared four are not opened again for the base.
    expect(tally.opened.sort()).toEqual([...headDigests, baseDigests[4]!].sort());
    expect(tally.peak).toBe(3);
    expect(tally.open).toBe(0);
    // One `measuring` event per layer measured, head first.
    const measuring = events.filter((e) => e.kind === 'measuring');
    expect(measuring.map((e) => `${e.image}:${e.layer}`)).toEqual(['head:1', 'head:2', 'head:3', 'head:4', 'head:5', 'head:6', 'base:5']);
  });

  it('measures one layer at a time with one lane', async () => {
    const tally: Tally = { open: 0, peak: 0, opened: [] };
    const store = dribblingStore(tally);
    putImage(store, tars.slice(0, 3));
    const { head } = await within(snapshotPair(null, await handleOf(store, 'head'), { lanes: 1 }), 20_000);
    expect(head.layers.map((l) => l.size)).toEqual(tars.slice(0, 3).map((t) => t.length));
    expect(tally.peak).toBe(1);
  });

  it('refuses a corrupt layer in one lane and closes every other lane stream before settling (hostile: lanes left reading)', async () => {
    const tally: Tally = { open: 0, peak: 0, opened: [] };
    const corrupt = gzipSync(tars[1]!);
    corrupt[corrupt.length - 8] = corrupt[corrupt.length - 8]! ^ 1; // CRC
    const bodies = tars.map((t) => gzipSync(t));
    bodies[1] = corrupt;
    // The other layers never end: only the failure can stop them.
    const probe = memoryBlobStore({ locality: 'remote', top: () => ({ kind: 'files', index: false, layout: false, dockerManifest: false }) });
    const endless = new Set(bodies.flatMap((b, i) => (i === 1 ? [] : [probe.put(b)])));
    const store = dribblingStore(tally, endless);
    putImage(store, tars, bodies);
    const handle = await handleOf(store, 'head');
    const error = await errorOf(within(snapshotPair(null, handle, { lanes: 4 }), 20_000));
    expect(error).toMatch(/^head: layer 2\/6 \(/);
    expect(error).toMatch(/truncated|corrupt|check/i);
    // Settled means settled: no lane stream is still open when the caller gets the error.
    expect(tally.open).toBe(0);
    // The lanes stopped: the layers after the first four were never opened.
    expect(tally.opened.length).toBeLessThanOrEqual(4);
  });
});

describe('runInLanes', () => {
  it('returns results in job order and rethrows the first failure only after every lane settled', async () => {
    const settled: number[] = [];
    const work = async (job: number, signal: AbortSignal): Promise<number> => {
      try {
        if (job === 2) throw new Error('job 2 failed');
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, 50);
          signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
        });
        return job * 10;
      } finally {
        settled.push(job);
      }
    };
    expect(await runInLanes([0, 1, 3, 4], 3, work)).toEqual([0, 10, 30, 40]);
    settled.length = 0;
    const error = await errorOf(runInLanes([0, 1, 2, 3, 4, 5], 3, work));
    expect(error).toBe('job 2 failed');
    expect(settled.sort()).toEqual([0, 1, 2]);
  });

  it('sizes lanes to the CPU count, capped, overridable', () => {
    expect(lanesFrom({ LAYERDIFF_MEASURE_LANES: '1' })).toBe(1);
    expect(lanesFrom({ LAYERDIFF_MEASURE_LANES: '7' })).toBe(7);
    const auto = lanesFrom({});
    expect(auto).toBeGreaterThanOrEqual(1);
    expect(auto).toBeLessThanOrEqual(MAX_LANES);
    expect(lanesFrom({ LAYERDIFF_MEASURE_LANES: 'zero' })).toBe(auto);
  });
});
