import type { Readable } from 'node:stream';
import { inputError } from '../../errors.js';
import { JsonCap } from '../../schema/json-input.js';
import { normalizeArchivePath, resolveLinks } from './archive-path.js';

/**
 * Largest document a store reads whole: the largest cap of JsonCap's image documents (the config's).
 * Each document's own cap (a manifest's is smaller) is applied by the resolver naming the document.
 */
export const MAX_JSON_BYTES = Math.max(JsonCap.manifest, JsonCap.index, JsonCap.config);

/** A regular file inside an archive or layout directory, found by path. */
export interface StoredFile {
  /** Path after following links, relative to the root. */
  path: string;
  size: number;
  /** First bytes of the content (up to 4), for sniffing compression without opening it. */
  head: Buffer;
}

/**
 * The files of an image archive or layout directory, whatever holds them: an uncompressed tar read
 * by seeking, a compressed tar or `docker save` stream read front to back, or a directory.
 */
export interface EntryStore {
  /** Names the input in error messages. */
  readonly subject: string;
  /** Whether a path exists (any kind of entry). */
  exists(path: string): Promise<boolean>;
  /**
   * The regular file at `path`, following symlinks and hardlinks inside the store; null when absent.
   * Throws for paths that leave the store, link loops, and non-files.
   */
  resolve(path: string): Promise<StoredFile | null>;
  /** Reads a small file whole (manifests, configs); refuses anything above MAX_JSON_BYTES. */
  readSmall(file: StoredFile): Promise<Buffer>;
  /** Streams a file's content, never holding it whole. */
  open(file: StoredFile): Promise<Readable>;
  /** A few top-level names, to say what an unrecognised input holds. */
  sampleNames(): Promise<string[]>;
  close(): Promise<void>;
}

/** Entry lookups over an index of tar members (shared by the seeking and the streaming stores). */
export class TarIndex<
  T extends { path: string; kind: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other'; linkpath: string | null; size: number; head: Buffer },
> {
  private readonly byPath = new Map<string, T>();

  constructor(
    entries: readonly T[],
    private readonly subject: string,
  ) {
    // A later member with the same path replaces an earlier one, as when tar extracts.
    for (const entry of entries) this.byPath.set(entry.path, entry);
  }

  has(path: string): boolean {
    return this.byPath.has(normalizeArchivePath(path));
  }

  resolve(path: string): T | null {
    const found = resolveLinks(path, (p) => this.byPath.get(p));
    if (found.ok) return found.entry;
    if (found.reason === 'missing') return null;
    throw inputError(this.subject, found.detail);
  }

  names(): string[] {
    return [...new Set([...this.byPath.keys()].map((p) => p.split('/')[0] ?? p))].filter((p) => p !== '');
  }
}

export function checkSmall(subject: string, file: StoredFile): void {
  if (file.size > MAX_JSON_BYTES) {
    throw inputError(subject, `"${file.path}" is ${file.size} bytes, too large for an image manifest or config (limit ${MAX_JSON_BYTES})`);
  }
}
