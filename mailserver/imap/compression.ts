// COMPRESS=DEFLATE (RFC 4978): raw DEFLATE in both directions between the session and its socket
// (plain, STARTTLS'd or implicit TLS). Input: socket → inflater → command reader; the reader's
// limits therefore count inflated bytes, and pausing the inflater holds the socket back through
// the pipe, so a small "decompression bomb" is never expanded further than the reader wants.
// Output: response writer → deflater → socket, with a SYNC flush after each burst of responses
// (RFC 4978 §4) so the client can decode every response as soon as it arrives.
import type { Duplex } from "node:stream";
import zlib from "node:zlib";

export type CompressionLayer = {
  /** Inflated client bytes. */
  input: zlib.InflateRaw;
  /** Responses to compress. */
  output: zlib.DeflateRaw;
  flush(): void;
};

export function startDeflate(socket: Duplex, alreadyReceived: Buffer): CompressionLayer {
  const input = zlib.createInflateRaw();
  const output = zlib.createDeflateRaw();
  // Bytes that arrived right behind the COMPRESS command are already compressed.
  if (alreadyReceived.length > 0) input.write(alreadyReceived);
  socket.pipe(input);
  output.pipe(socket);
  const fail = () => socket.destroy();
  input.on("error", fail); // not valid DEFLATE: nothing more can be understood
  output.on("error", fail);
  socket.once("close", () => {
    input.destroy();
    output.destroy();
  });
  return {
    input,
    output,
    flush: () => {
      if (!output.destroyed && !output.writableEnded) output.flush(zlib.constants.Z_SYNC_FLUSH);
    },
  };
}
