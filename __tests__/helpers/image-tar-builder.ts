/**
 * Builds image archives byte by byte, so tests can make exactly the hostile or unusual input they
 * need (bad sizes, base-256 fields, links, long names, truncation) and small valid images.
 * Headers are written by hand, not by node-tar, so they can be wrong on purpose.
 */
import { createHash } from 'node:crypto';

export interface TarMember {
  path: string;
  /** Body bytes (a string is UTF-8). */
  body?: Buffer | string;
  /** Type flag: '0' file (default), '1' hardlink, '2' symlink, '5' directory, 'x' PAX, 'g', 'L', 'K'. */
  type?: string;
  linkpath?: string;
  /** The size written in the header, when it should differ from the body's length. */
  claimedSize?: number;
  /** A raw 12-byte size field (e.g. base-256), written as is. */
  sizeField?: Buffer;
  /** Corrupt the checksum. */
  badChecksum?: boolean;
}

const BLOCK = 512;

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`image-tar-builder: "${value}" does not fit in ${length} bytes`);
  bytes.copy(block, offset);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

/** One 512-byte header block. */
export function tarHeader(member: TarMember): Buffer {
  const block = Buffer.alloc(BLOCK);
  const body = member.body === undefined ? Buffer.alloc(0) : Buffer.from(member.body);
  writeString(block, 0, 100, member.path);
  writeOctal(block, 100, 8, member.type === '5' ? 0o755 : 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  const size = member.claimedSize ?? body.length;
  if (member.sizeField) member.sizeField.copy(block, 124, 0, 12);
  else if (size < 8 ** 11) writeOctal(block, 124, 12, size);
  else base256(size).copy(block, 124);
  writeOctal(block, 136, 12, 0);
  block.write(member.type ?? '0', 156, 1, 'latin1');
  if (member.linkpath) writeString(block, 157, 100, member.linkpath);
  block.write('ustar\u000000', 257, 8, 'latin1');
  // Checksum: sum of all bytes with the checksum field read as spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  if (member.badChecksum) sum += 1;
  writeString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

/** A number as a 12-byte base-256 field (GNU extension for sizes >= 8 GiB, and negatives). */
export function base256(value: number | bigint, negative = false): Buffer {
  const field = Buffer.alloc(12);
  let v = BigInt(value);
  if (negative) v = (1n << 96n) - v; // two's complement over the field
  for (let i = 11; i >= 1; i--) {
    field[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  field[0] = negative ? 0xff : 0x80;
  return field;
}

/** A tar archive of `members`; `end` adds the two zero blocks (default true). */
export function buildArchive(members: readonly TarMember[], options: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const member of members) {
    parts.push(tarHeader(member));
    const body = member.body === undefined ? Buffer.alloc(0) : Buffer.from(member.body);
    parts.push(body);
    parts.push(Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  if (options.end ?? true) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** A PAX extended-header record body (`<len> key=value\n`). */
export function paxRecord(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      const text = ` ${key}=${value}\n`;
      let len = Buffer.byteLength(text) + 1;
      while (String(len).length + Buffer.byteLength(text) !== len) len = String(len).length + Buffer.byteLength(text);
      return `${len}${text}`;
    })
    .join('');
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A small valid layer tar holding `files`. */
export function layerTar(files: Record<string, string>): Buffer {
  return buildArchive(Object.entries(files).map(([path, body]) => ({ path, body })));
}

export interface OciImageParts {
  /** Stored layer blobs (compressed or not). */
  layers: Buffer[];
  /** diff_ids for the config; defaults to sha256 of each blob (right for uncompressed layers). */
  diffIds?: string[];
  /** Replace any member before the archive is built (hostile variants). */
  mutate?: (members: TarMember[]) => TarMember[];
  history?: Array<{ created_by?: string; empty_layer?: boolean }>;
}

/** A complete OCI image layout archive (oci-layout, index.json, blobs/sha256/...). */
export function ociArchive(parts: OciImageParts): { tar: Buffer; members: TarMember[]; configDigest: string; manifestDigest: string } {
  const diffIds = parts.diffIds ?? parts.layers.map((l) => sha256(l));
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: parts.history ?? parts.layers.map((_, i) => ({ created_by: `RUN step ${i + 1}` })),
  });
  const layerDescriptors = parts.layers.map((l) => ({
    mediaType: l[0] === 0x1f ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
    digest: sha256(l),
    size: l.length,
  }));
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: Buffer.byteLength(config) },
    layers: layerDescriptors,
  });
  const index = JSON.stringify({
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(manifest),
        size: Buffer.byteLength(manifest),
        platform: { os: 'linux', architecture: 'amd64' },
      },
    ],
  });
  const blob = (body: Buffer | string): TarMember => ({ path: `blobs/sha256/${sha256(body).slice(7)}`, body });
  let members: TarMember[] = [
    { path: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
    { path: 'index.json', body: index },
    blob(manifest),
    blob(config),
    ...parts.layers.map(blob),
  ];
  if (parts.mutate) members = parts.mutate(members);
  return { tar: buildArchive(members), members, configDigest: sha256(config), manifestDigest: sha256(manifest) };
}

export interface DockerImageParts {
  layers: Buffer[];
  /** Paths written in manifest.json's Layers (default `layer<n>/layer.tar`). */
  layerPaths?: string[];
  /** Replace manifest.json's text. */
  manifestText?: string;
  mutate?: (members: TarMember[]) => TarMember[];
}

/** A legacy `docker save` archive (manifest.json, <hex>.json config, layer<n>/layer.tar). */
export function dockerArchive(parts: DockerImageParts): Buffer {
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: parts.layers.map((l) => sha256(l)) },
    history: parts.layers.map((_, i) => ({ created_by: `RUN step ${i + 1}` })),
  });
  const configName = `${sha256(config).slice(7)}.json`;
  const layerPaths = parts.layerPaths ?? parts.layers.map((_, i) => `layer${i}/layer.tar`);
  const manifest = parts.manifestText ?? JSON.stringify([{ Config: configName, RepoTags: ['test/image:latest'], Layers: layerPaths }]);
  let members: TarMember[] = [
    { path: configName, body: config },
    ...parts.layers.map((body, i) => ({ path: `layer${i}/layer.tar`, body })),
    { path: 'manifest.json', body: manifest },
  ];
  if (parts.mutate) members = parts.mutate(members);
  return buildArchive(members);
}
