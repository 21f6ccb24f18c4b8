import { Readable } from 'node:stream';

/**
 * Reads the first `count` bytes of a stream without consuming them: returns them and a stream that
 * still yields everything from the start. The replay is one async generator under `Readable.from`:
 * an error of the source or a destroy of the result ends both, with no hand-made `drain` wait.
 */
export async function peekStream(source: Readable, count: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let have = 0;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | Uint8Array | string>;
  // Pull chunks until we have enough or the stream ends; then replay them in front of the rest.
  let done = false;
  try {
    while (have < count) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      const chunk = toBuffer(next.value);
      chunks.push(chunk);
      have += chunk.length;
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  const head = Buffer.concat(chunks).subarray(0, count);
  async function* replay(): AsyncGenerator<Buffer> {
    yield* chunks.splice(0);
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  }
  const stream = Readable.from(replay(), { objectMode: false, highWaterMark: 1024 * 1024 });
  // However the replay ends (read to the end, failed, destroyed before its first read), the source
  // is released: a generator never started has no `finally` to run.
  stream.once('close', () => source.destroy());
  return { head, stream };
}

function toBuffer(value: Buffer | Uint8Array | string): Buffer {
  return Buffer.isBuffer(value) ? value : typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
