import type { Writable } from "node:stream";

/**
 * Writes and, when the stream's buffer is full, waits until it drains (or the stream closes),
 * so a slow reader holds up the writer instead of growing the buffer without limit. Several
 * buffers go out corked: one writev, without copying them into one first.
 */
export function writeWithBackpressure(
  stream: Writable,
  data: string | Buffer | readonly Buffer[],
): Promise<void> {
  if (stream.destroyed || !stream.writable) return Promise.resolve();
  if (!writeAll(stream, data)) return Promise.resolve();
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

/** Writes `data`; true when the stream's buffer is now full (wait for "drain"). */
function writeAll(stream: Writable, data: string | Buffer | readonly Buffer[]): boolean {
  if (typeof data === "string" || Buffer.isBuffer(data)) return !stream.write(data);
  if (data.length === 1) return !stream.write(data[0]);
  stream.cork();
  let ok = true;
  for (const piece of data) ok = stream.write(piece);
  stream.uncork();
  return !ok;
}
