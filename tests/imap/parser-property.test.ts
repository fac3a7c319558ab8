// Property test: whatever bytes arrive, in whatever chunks, the command reader and tokenizer
// neither crash nor hang: every read ends in a command, a refusal, "too long" or "closed".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ReadResult } from "@/mailserver/imap/command-reader";
import { ParseError, tokenize } from "@/mailserver/imap/tokens";
import { chunkSizes, drainImapReader, imapLikeBytes } from "../support/fuzz-inputs";

/** Reads every command and tokenizes it: only ParseError may come out of the tokenizer. */
async function drain(bytes: Uint8Array, chunks: number[]): Promise<ReadResult[]> {
  const results = await drainImapReader(bytes, chunks);
  for (const result of results) {
    if (result.kind !== "command") continue;
    try {
      tokenize(result.parts);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
    }
  }
  return results;
}

describe("command reader and tokenizer (property)", () => {
  it("never crash or hang on arbitrary input", async () => {
    await fc.assert(
      fc.asyncProperty(imapLikeBytes, chunkSizes, async (bytes, chunks) => {
        const results = await drain(bytes, chunks);
        expect(results[results.length - 1].kind).toBe("closed");
      }),
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
