import { spawn } from 'node:child_process';
import { LayerdiffError, inputError } from '../errors.js';
import { describeStreamError } from '../layers/measure.js';
import { stats } from '../stats.js';
import { handleFromStore } from './archive/index.js';
import { spoolStream } from './archive/decompressed-spool.js';
import { openSeekableTar } from './archive/tar-stores.js';
import type { StoreFinish } from './image-handle.js';
import type { ImageReference } from './reference.js';
import type { ImageHandle, OpenOptions } from './types.js';

/**
 * An image in the local Docker daemon (`docker-daemon:NAME:TAG`): a thin source over the archive
 * store. `docker save` runs once; its output is spooled to an unnamed temporary file (as a
 * compressed archive is, decompressed-spool.ts) and read by seeking like any `docker save` archive.
 * It used to be read front to back and `docker save` run again for every layer opened (a full
 * export of the image per layer measured or deep-scanned). DOCKER_HOST and the rest of the
 * environment reach the docker CLI unchanged.
 */
export async function openDaemonImage<T = ImageHandle>(name: string, ref: ImageReference, options: OpenOptions, finish?: StoreFinish<T>): Promise<T> {
  const subject = ref.raw;
  const spool = await spoolStream(dockerSave(name, subject), subject, (error) => daemonFailure(subject, error));
  let store;
  try {
    store = await openSeekableTar(spool.handle, spool.length, subject, spool.close);
  } catch (error) {
    await spool.close();
    throw error;
  }
  return handleFromStore(store, { type: 'daemon', reference: ref.raw }, options, finish);
}

/** The docker CLI to run; LAYERDIFF_DOCKER_CLI lets tests and odd installs point elsewhere. */
function dockerCli(): string {
  return process.env.LAYERDIFF_DOCKER_CLI || 'docker';
}

/** `docker save NAME` as a stream of chunks; throws a LayerdiffError when the command fails. */
export async function* dockerSave(name: string, subject: string): AsyncGenerator<Buffer> {
  const child = spawn(dockerCli(), ['save', name], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-8192);
  });
  const finished = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  finished.catch(() => undefined); // observed below; avoid an unhandled rejection if we stop early
  let complete = false;
  try {
    for await (const chunk of child.stdout) {
      stats.archiveBytesRead += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    let result;
    try {
      result = await finished;
    } catch (error) {
      throw spawnFailure(subject, error);
    }
    complete = true;
    if (result.code !== 0) throw saveFailure(subject, name, stderr, result.code, result.signal);
  } catch (error) {
    if (error instanceof LayerdiffError) throw error;
    // stdout can fail before 'error' is seen (e.g. the CLI is missing): prefer the spawn error.
    const spawnError = await finished.then(
      () => null,
      (e: unknown) => e,
    );
    if (spawnError) throw spawnFailure(subject, spawnError);
    throw error;
  } finally {
    if (!complete && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}

function spawnFailure(subject: string, error: unknown): LayerdiffError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new LayerdiffError('not-found', `${subject}: the docker CLI was not found on PATH (docker-daemon: runs "docker save")`, { subject, cause: error });
  }
  return new LayerdiffError('network', `${subject}: cannot run the docker CLI: ${(error as Error).message}`, { subject, cause: error });
}

function saveFailure(subject: string, name: string, stderr: string, code: number | null, signal: NodeJS.Signals | null): LayerdiffError {
  const said = firstLine(stderr);
  const host = process.env.DOCKER_HOST ? ` at ${process.env.DOCKER_HOST}` : '';
  if (
    /cannot connect to the docker daemon|is the docker daemon running|error during connect|connection refused|no such file or directory.*\.sock|dial unix/i.test(
      stderr,
    )
  ) {
    return new LayerdiffError('network', `${subject}: no Docker daemon answers${host} (${said})`, { subject });
  }
  if (/no such image|reference does not exist|not found|does not exist/i.test(stderr)) {
    return new LayerdiffError('not-found', `${subject}: the Docker daemon has no image ${name}`, { subject });
  }
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return new LayerdiffError('network', `${subject}: docker save ${how}${said ? ` (${said})` : ''}`, { subject });
}

function daemonFailure(subject: string, error: unknown): LayerdiffError {
  if (error instanceof LayerdiffError) return error;
  return inputError(subject, `cannot read docker save output: ${describeStreamError(error)}`, error);
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}
