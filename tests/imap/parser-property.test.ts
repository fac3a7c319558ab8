// Property test: whatever bytes arrive, in whatever chunks, the command reader and tokenizer
// neither crash nor hang: every read ends in a command, a refusal, "too long" or "closed".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CommandReader, type ReadResult } from "@/mailserver/imap/command-reader";
import { ParseError, tokenize } from "@/mailserver/imap/tokens";

const imapish = fc.oneof(
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

async function drain(bytes: Uint8Array, chunkSizes: number[]): Promise<ReadResult[]> {
  const reader = new CommandReader({
    maxLineLength: 64,
    judgeLiteral: (r) => (r.size > 10 ? "NO [TOOBIG] too big" : null),
    sendContinuation: () => {},
    pause: () => {},
    resume: () => {},
  });
  let offset = 0;
  for (const size of chunkSizes) {
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
    if (result.kind === "command") {
      try {
        tokenize(result.parts);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
      }
    }
  }
  throw new Error("reader did not reach the end of its input");
}

describe("command reader and tokenizer (property)", () => {
  it("never crash or hang on arbitrary input", async () => {
    await fc.assert(
      fc.asyncProperty(
        imapish,
        fc.array(fc.integer({ min: 1, max: 17 }), { maxLength: 30 }),
        async (bytes, chunks) => {
          const results = await drain(bytes, chunks);
          expect(results[results.length - 1].kind).toBe("closed");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads literals exactly, however the bytes are split", async () => {
    const input = Buffer.from('a1 LOGIN {4}\r\nuser {6+}\r\npa"s s\r\na2 NOOP\r\n', "latin1");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 20 }),
        async (chunks) => {
          const results = await drain(new Uint8Array(input), chunks);
          const commands = results.filter((r) => r.kind === "command");
          expect(commands).toHaveLength(2);
          const tokens = tokenize((commands[0] as { parts: Array<string | Buffer> }).parts);
          expect(tokens.map((t) => (t.type === "list" ? "()" : t.value.toString()))).toEqual([
            "a1",
            "LOGIN",
            "user",
            'pa"s s',
          ]);
        },
      ),
    );
  });
});
