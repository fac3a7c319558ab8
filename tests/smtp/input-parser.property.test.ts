// Property-based tests (fast-check) of the SMTP input parser (mailserver/smtp/input-parser.ts):
// how the input is cut into packets never changes what the session sees, a dot-stuffed message
// comes back byte for byte, memory stays bounded, and nothing throws whatever arrives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SmtpInputParser, type SmtpInput } from "@/mailserver/smtp/input-parser";

const MAX_LINE = 64;
const SIZE_LIMIT = 2_000;

type Seen =
  | { kind: "line"; text: string }
  | { kind: "too-long" }
  | { kind: "message"; body: string; size: number; tooBig: boolean };

/** Feeds the packets and acts like a session: after a "DATA" line comes a message. */
function parse(packets: Buffer[], maxLine = MAX_LINE, limit = SIZE_LIMIT): Seen[] {
  const parser = new SmtpInputParser(maxLine);
  const seen: Seen[] = [];
  const take = (input: SmtpInput) => {
    if (input.kind === "message")
      seen.push({
        kind: "message",
        body: Buffer.concat(input.chunks).toString("latin1"),
        size: input.size,
        tooBig: input.tooBig,
      });
    else seen.push(input);
    if (input.kind === "line" && input.text.toUpperCase() === "DATA") parser.startMessage(limit);
  };
  for (const packet of packets) {
    parser.push(packet);
    for (let input = parser.next(); input; input = parser.next()) take(input);
    // Command mode holds at most one unfinished line (plus its CR); data mode a few bytes.
    expect(parser.buffered).toBeLessThanOrEqual(parser.readingMessage ? 3 : maxLine + 1);
  }
  return seen;
}

/** Cuts bytes into packets at the given (sorted, deduplicated) positions. */
function cut(bytes: Buffer, positions: number[]): Buffer[] {
  const points = [...new Set(positions.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const packets: Buffer[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    if (p > start) packets.push(bytes.subarray(start, p));
    start = Math.max(start, p);
  }
  return packets;
}

/** What a client sends for a message: a dot at a line start doubled, then CRLF.CRLF. */
function dotStuff(lines: string[]): string {
  return lines.map((l) => (l.startsWith(".") ? `.${l}` : l) + "\r\n").join("") + ".\r\n";
}

// Message lines: dots, spaces, bare CRs, 8-bit bytes; no LF (it would end the line).
const lineText = fc
  .array(fc.constantFrom(".", ".", "a", " ", "\r", "\t", "Z", "\xe9", "\xff", "\0"), {
    maxLength: 30,
  })
  .map((chars) => chars.join(""));

const smtpBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom("DATA\r\n", ".\r\n", "\r\n.\r\n", "..", "\n.\n", "\r.\r", "\r\n", "\n"),
      fc.constantFrom("MAIL FROM:<a@b.example>\r\n", "NOOP\n", "x".repeat(MAX_LINE + 5)),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Buffer.from(parts.join(""), "latin1"));

describe("SMTP input parser (fast-check)", () => {
  it("returns a dot-stuffed message byte for byte, however it is cut into packets", () => {
    fc.assert(
      fc.property(
        fc.array(lineText, { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (lines, positions) => {
          const wire = Buffer.from(`DATA\r\n${dotStuff(lines)}NOOP\r\n`, "latin1");
          const body = lines.map((l) => `${l}\r\n`).join("");
          expect(parse(cut(wire, positions))).toEqual([
            { kind: "line", text: "DATA" },
            { kind: "message", body, size: body.length, tooBig: body.length > SIZE_LIMIT },
            { kind: "line", text: "NOOP" },
          ]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("sees the same commands and messages whatever the packet boundaries (random input)", () => {
    fc.assert(
      fc.property(smtpBytes, fc.array(fc.nat(), { maxLength: 16 }), (bytes, positions) => {
        expect(parse(cut(bytes, positions))).toEqual(parse([bytes]));
      }),
      { numRuns: 3000 },
    );
  });

  it("ends a message only at CRLF.CRLF: bare LF / bare CR dot lines stay message text", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r", "\r.\r\n"),
        fc.array(fc.nat(), { maxLength: 8 }),
        (fake, positions) => {
          const wire = Buffer.from(`DATA\r\nfirst${fake}MAIL FROM:<x@y.example>\r\n.\r\n`);
          const seen = parse(cut(wire, positions));
          expect(seen).toHaveLength(2);
          expect(seen[1]).toMatchObject({
            kind: "message",
            body: `first${fake}MAIL FROM:<x@y.example>\r\n`,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps nothing of a message past the size limit but still finds its end", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (k, p) => {
          const body = `${"y".repeat(99)}\r\n`.repeat(k);
          const wire = Buffer.from(`DATA\r\n${body}.\r\nQUIT\r\n`);
          const seen = parse(cut(wire, p), MAX_LINE, 1_000);
          const tooBig = body.length > 1_000;
          expect(seen[1]).toEqual({
            kind: "message",
            body: tooBig ? "" : body,
            size: body.length,
            tooBig,
          });
          expect(seen[2]).toEqual({ kind: "line", text: "QUIT" });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reports an over-long line once, skips it, and reads the next line", () => {
    const seen = parse(cut(Buffer.from(`${"z".repeat(500)}\r\nNOOP\r\n`), [7, 100, 300, 501]));
    expect(seen).toEqual([{ kind: "too-long" }, { kind: "line", text: "NOOP" }]);
  });

  it("never throws on arbitrary bytes in either mode", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 10 }),
        (bytes, data, positions) => {
          const prefix = Buffer.from(data ? "DATA\r\n" : "");
          parse(cut(Buffer.concat([prefix, Buffer.from(bytes)]), positions));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
