import { PassThrough, type Readable } from 'node:stream';

/**
 * Reads the first `count` bytes of a stream without consuming them: returns them and a stream that
 * still yields everything from the start.
 */
export async function peekStream(source: Readable, count: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let have = 0;
  const iterator = source[Symbol.asyncIterator]();
  // Pull chunks until we have enough or the stream ends; then replay them in front of the rest.
  let done = false;
  while (have < count) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
    chunks.push(chunk);
    have += chunk.length;
  }
  const head = Buffer.concat(chunks).subarray(0, count);
  const out = new PassThrough({ highWaterMark: 1024 * 1024 });
  for (const c of chunks) out.write(c);
  if (done) {
    out.end();
  } else {
    void (async () => {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          if (!out.write(next.value)) await new Promise<void>((resolve) => out.once('drain', resolve));
        }
        out.end();
      } catch (error) {
        out.destroy(error as Error);
      }
    })();
  }
  out.on('close', () => {
    if (!done) void iterator.return?.();
  });
  return { head, stream: out };
}
