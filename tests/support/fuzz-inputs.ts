// Random inputs shared by the parser property tests and bench/fuzz-parsers.ts (which runs the
// same properties for many more iterations and records the counts).
import fc from "fast-check";
import { CommandReader, type ReadResult } from "@/mailserver/imap/command-reader";

/** Random bytes, or IMAP-ish fragments (literals, brackets, huge numbers) glued together. */
export const imapLikeBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        "a1 ",
        "LOGIN ",
        "APPEND ",
        "FETCH ",
        "UID ",
        "1:* ",
        "(",
        ")",
        '"',
        "\\",
        "{5}\r\n",
        "{3+}\r\n",
        "{99999999999999999999}\r\n",
        "BODY[HEADER.FIELDS (A B)]<0.5>",
        "[",
        "]",
        "\r\n",
        "\n",
        "\0",
        "abc",
        " ",
      ),
      { maxLength: 40 },
    )
    .map((parts) => new Uint8Array(Buffer.from(parts.join(""), "latin1"))),
);

/** How TCP may cut a stream: chunk sizes, the rest arriving in one piece. */
export const chunkSizes = fc.array(fc.integer({ min: 1, max: 17 }), { maxLength: 30 });

/**
 * Feeds bytes to an IMAP command reader in the given chunks, then reads until "closed".
 * Throws if the reader neither ends nor stops within 1,000 reads (a hang).
 */
export async function drainImapReader(bytes: Uint8Array, chunks: number[]): Promise<ReadResult[]> {
  const reader = new CommandReader({
    maxLineLength: 64,
    judgeLiteral: (r) => (r.size > 10 ? "NO [TOOBIG] too big" : null),
    sendContinuation: () => {},
    pause: () => {},
    resume: () => {},
  });
  let offset = 0;
  for (const size of chunks) {
    if (offset >= bytes.length) break;
    reader.feed(Buffer.from(bytes.subarray(offset, offset + size)));
    offset += size;
  }
  if (offset < bytes.length) reader.feed(Buffer.from(bytes.subarray(offset)));
  reader.end();
  const results: ReadResult[] = [];
  for (let i = 0; i < 1000; i++) {
    const result = await reader.readCommand();
    results.push(result);
    if (result.kind === "closed") return results;
  }
  throw new Error("reader did not reach the end of its input");
}
