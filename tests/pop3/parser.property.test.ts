// Property tests (fast-check) for the POP3 byte handling: the line parser survives any bytes
// with bounded memory and output, dot-stuffing round-trips through a POP3 reader, and sending
// a message respects backpressure. Iteration counts are in the test names.
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeWithBackpressure } from "@/mailserver/pop3/backpressure";
import { LineParser, type ParsedLine } from "@/mailserver/pop3/line-parser";
import { sendDotStuffed, topOfMessage } from "@/mailserver/pop3/message-output";

const MAX = 64;

/** Splits bytes at the given cut points, like TCP may. */
function split(bytes: Uint8Array, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(Buffer.from(bytes.subarray(from, p)));
    from = p;
  }
  return chunks;
}

function parseAll(chunks: Buffer[]): { events: ParsedLine[]; maxBuffered: number } {
  const parser = new LineParser(MAX);
  const events: ParsedLine[] = [];
  let maxBuffered = 0;
  for (const chunk of chunks) {
    events.push(...parser.push(chunk));
    maxBuffered = Math.max(maxBuffered, parser.buffered);
  }
  return { events, maxBuffered };
}

/** A POP3 client's view of a multi-line body: lines up to ".", dot-unstuffed. */
function readMultiline(wire: Buffer): { body: Buffer; rest: Buffer } {
  const lines: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = wire.indexOf("\r\n", at);
    if (end === -1) throw new Error("no terminator");
    const line = wire.subarray(at, end);
    at = end + 2;
    if (line.length === 1 && line[0] === 0x2e) break;
    lines.push(line[0] === 0x2e ? line.subarray(1) : line);
  }
  return {
    body: Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\r\n")])),
    rest: wire.subarray(at),
  };
}

const messageLine = fc.string({
  unit: fc.constantFrom(".", ".", "a", "b", " ", "é", "\t", "\r"),
  maxLength: 20,
});
const messageBody = fc
  .array(messageLine, { maxLength: 60 })
  .map((lines) => Buffer.from(lines.map((l) => `${l.replace(/\r$/, "")}\r\n`).join("")));

describe("POP3 byte handling (fast-check)", () => {
  it("line parser: random bytes in random chunks never throw; output and memory stay bounded (2000 runs)", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bytes, cuts) => {
          const { events, maxBuffered } = parseAll(split(bytes, cuts));
          const lineFeeds = bytes.filter((b) => b === 0x0a).length;
          expect(events.length).toBeLessThanOrEqual(lineFeeds + 1);
          expect(maxBuffered).toBeLessThanOrEqual(MAX + 1);
          for (const e of events)
            if (e.kind === "line") expect(Buffer.byteLength(e.text)).toBeLessThanOrEqual(MAX * 3);
          // The same bytes in one piece give the same lines: chunking does not matter.
          expect(parseAll([Buffer.from(bytes)]).events).toEqual(events);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("line parser: CRLF or LF lines within the limit come back exactly (1000 runs)", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "Z", " ", "é", "\0", "+", "="),
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat()),
        (lines, crlf, cuts) => {
          const wire = Buffer.from(lines.map((l) => l + (crlf ? "\r\n" : "\n")).join(""));
          const { events } = parseAll(split(wire, cuts));
          const expected = lines.map((l): ParsedLine =>
            Buffer.byteLength(l) > MAX ? { kind: "too-long" } : { kind: "line", text: l },
          );
          expect(events).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("dot-stuffing: a POP3 reader gets the exact body back, whatever the slices and chunk size (1000 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(
        messageBody,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 1, max: 50 }),
        async (body, cuts, chunkBytes) => {
          const sent: Buffer[] = [];
          await sendDotStuffed(
            async (d) => void sent.push(Buffer.concat(d)),
            "+OK\r\n",
            split(body, cuts),
            chunkBytes,
          );
          expect(sent[0].subarray(0, 5).toString()).toBe("+OK\r\n");
          sent[0] = sent[0].subarray(5);
          const { body: received, rest } = readMultiline(Buffer.concat(sent));
          expect(received.equals(body)).toBe(true);
          expect(rest.length).toBe(0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("sends a message of up to one chunk as one write of its pieces, a body without dots uncopied", async () => {
    const writes: Array<readonly Buffer[]> = [];
    const body = Buffer.from("Subject: plain\r\n\r\nno dot here\r\n");
    await sendDotStuffed(async (d) => void writes.push(d), "+OK 34 octets\r\n", [body], 64);
    expect(writes).toHaveLength(1);
    // A view of the stored bytes themselves, not a copy.
    expect(writes[0][1].buffer).toBe(body.buffer);
    expect(writes[0][1].byteOffset).toBe(body.byteOffset);
    expect(Buffer.concat(writes[0]).toString()).toBe(`+OK 34 octets\r\n${body}.\r\n`);
  });

  it("TOP: never more than the message, always the whole header (1000 runs)", () => {
    fc.assert(
      fc.property(messageBody, messageBody, fc.nat({ max: 80 }), (header, body, n) => {
        // A header without an empty line in it, so the first blank line is the one we add.
        let headerText = header.toString().replace(/^(\r\n)+/, "");
        while (headerText.includes("\r\n\r\n"))
          headerText = headerText.replace("\r\n\r\n", "\r\nx\r\n");
        const headerBytes = Buffer.byteLength(headerText);
        const raw = Buffer.concat([Buffer.from(headerText), Buffer.from("\r\n"), body]);
        const top = topOfMessage(raw, n);
        expect(raw.subarray(0, top.length).equals(top)).toBe(true);
        expect(top.length).toBeGreaterThanOrEqual(headerBytes + 2);
        const bodyLines =
          top
            .subarray(headerBytes + 2)
            .toString()
            .split("\r\n").length - 1;
        expect(bodyLines).toBeLessThanOrEqual(n);
      }),
      { numRuns: 1000 },
    );
  });

  it("sending a large body waits for a slow reader instead of buffering it", async () => {
    const highWaterMark = 16 * 1024;
    const chunkBytes = 64 * 1024;
    const received: Buffer[] = [];
    let maxBuffered = 0;
    const slowReader = new Writable({
      highWaterMark,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk);
        setImmediate(done);
      },
    });
    const body = Buffer.from(
      Array.from(
        { length: 40_000 },
        (_, i) => `${i % 5 === 0 ? "." : ""}line ${i} ${"x".repeat(100)}\r\n`,
      ).join(""),
    );
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    await sendDotStuffed(
      async (data) => {
        await writeWithBackpressure(slowReader, data);
        maxBuffered = Math.max(maxBuffered, slowReader.writableLength);
      },
      "",
      [body],
      chunkBytes,
    );
    // Never more than one chunk (plus its stuffing dots) waiting beyond the high-water mark.
    expect(maxBuffered).toBeLessThanOrEqual(highWaterMark + chunkBytes + chunkBytes / 10);
    await new Promise<void>((resolve) => slowReader.end(resolve));
    expect(readMultiline(Buffer.concat(received)).body.equals(body)).toBe(true);
  });
});
