import type { Writable } from "node:stream";

/**
 * Writes and, when the stream's buffer is full, waits until it drains (or the stream closes),
 * so a slow reader holds up the writer instead of growing the buffer without limit.
 */
export function writeWithBackpressure(stream: Writable, data: string | Buffer): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  if (stream.write(data)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}
