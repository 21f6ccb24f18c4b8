// Streaming writers for image archives (tar, docker-save legacy layout, OCI layout tar), used by the
// benchmark to build multi-GiB archives without holding any of them in memory: every byte goes
// straight from a generator to a file descriptor, and sizes/digests are known before they are needed.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { Header } from 'tar';

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK * 2);
const MTIME = new Date(1700000000 * 1000);

/** Bytes a member of `size` bytes takes in a tar: header plus data padded to whole blocks. */
export function tarMemberBytes(size) {
  return BLOCK + Math.ceil(size / BLOCK) * BLOCK;
}

export function tarHeader(path, size, type = 'File') {
  const header = new Header({
    path,
    size: type === 'File' ? size : 0,
    mode: type === 'Directory' ? 0o755 : 0o644,
    uid: 0,
    gid: 0,
    uname: 'root',
    gname: 'root',
    mtime: MTIME,
    type,
  });
  header.encode();
  if (header.needPax) throw new Error(`bench tar writer: ${path} needs a pax header (keep names short)`);
  return header.block;
}

/** Writes a tar file member by member to a file descriptor; knows the offset of every member's data. */
export class TarWriter {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.offset = 0;
  }

  #write(buf) {
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
    this.offset += buf.length;
  }

  directory(path) {
    this.#write(tarHeader(path.endsWith('/') ? path : `${path}/`, 0, 'Directory'));
  }

  /**
   * One file of `size` bytes whose data `chunks` (an iterable of Buffers) yields; returns the offset
   * of its data in the tar.
   */
  file(path, size, chunks) {
    this.#write(tarHeader(path, size));
    const dataOffset = this.offset;
    let written = 0;
    for (const chunk of chunks) {
      this.#write(chunk);
      written += chunk.length;
    }
    if (written !== size) throw new Error(`bench tar writer: ${path} declared ${size} bytes, got ${written}`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) this.#write(ZEROS.subarray(0, pad));
    return dataOffset;
  }

  buffer(path, buf) {
    return this.file(path, buf.length, [buf]);
  }

  /** Copies a file on disk into the archive, 1 MiB at a time. */
  copyOf(path, sourcePath) {
    const fd = openSync(sourcePath, 'r');
    try {
      const size = fstatSync(fd).size;
      return this.file(path, size, readChunks(fd, size));
    } finally {
      closeSync(fd);
    }
  }

  finish() {
    this.#write(ZEROS);
    closeSync(this.fd);
    return this.offset;
  }
}

function* readChunks(fd, size) {
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let position = 0;
  while (position < size) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - position), position);
    if (n === 0) throw new Error('bench tar writer: source file shrank');
    position += n;
    yield buf.subarray(0, n);
  }
}

export function sha256(buf) {
  return `sha256:${createHash('sha256').update(buf).digest('hex')}`;
}

export function hostPlatform() {
  const arch = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' }[process.arch] ?? process.arch;
  return { os: 'linux', architecture: arch };
}

export function imageConfig(diffIds, createdBy) {
  return Buffer.from(
    JSON.stringify({
      ...hostPlatform(),
      created: MTIME.toISOString(),
      config: { Cmd: ['/bin/app'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: createdBy.map((c) => ({ created: MTIME.toISOString(), created_by: c })),
    }),
  );
}

/**
 * Legacy `docker save` archive. `layers` are { size, chunks(), createdBy } with `size` the exact
 * uncompressed layer tar size; each layer is hashed while it is written, then config and
 * manifest.json go last, as docker writes them.
 */
export function writeDockerSave(path, layers, repoTag = 'bench/image:latest') {
  const tar = new TarWriter(path);
  const diffIds = [];
  const layerPaths = [];
  for (const [i, layer] of layers.entries()) {
    const id = createHash('sha256').update(`${path}:${i}`).digest('hex');
    const hash = createHash('sha256');
    tar.directory(id);
    tar.buffer(`${id}/VERSION`, Buffer.from('1.0'));
    tar.file(`${id}/layer.tar`, layer.size, hashing(layer.chunks(), hash));
    diffIds.push(`sha256:${hash.digest('hex')}`);
    layerPaths.push(`${id}/layer.tar`);
  }
  const config = imageConfig(
    diffIds,
    layers.map((l) => l.createdBy),
  );
  const configName = `${sha256(config).slice(7)}.json`;
  tar.buffer(configName, config);
  tar.buffer('manifest.json', Buffer.from(JSON.stringify([{ Config: configName, RepoTags: [repoTag], Layers: layerPaths }])));
  const bytes = tar.finish();
  return { path, bytes, diffIds };
}

/**
 * OCI image layout tar from blobs already on disk: `layers` are { blobPath, digest, size, diffId,
 * mediaType, createdBy }. Returns where each blob's data sits in the archive.
 */
export function writeOciArchive(path, layers, refName = 'latest') {
  const config = imageConfig(
    layers.map((l) => l.diffId),
    layers.map((l) => l.createdBy),
  );
  const configDigest = sha256(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    }),
  );
  const manifestDigest = sha256(manifest);
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifestDigest,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': refName },
        },
      ],
    }),
  );
  const tar = new TarWriter(path);
  tar.buffer('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  tar.buffer('index.json', index);
  tar.directory('blobs');
  tar.directory('blobs/sha256');
  const offsets = {};
  const written = new Set();
  for (const layer of layers) {
    if (written.has(layer.digest)) continue;
    written.add(layer.digest);
    offsets[layer.digest] = tar.copyOf(`blobs/sha256/${layer.digest.slice(7)}`, layer.blobPath);
  }
  tar.buffer(`blobs/sha256/${configDigest.slice(7)}`, config);
  tar.buffer(`blobs/sha256/${manifestDigest.slice(7)}`, manifest);
  const bytes = tar.finish();
  return { path, bytes, offsets };
}

function* hashing(chunks, hash) {
  for (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}
