// The byte-level reader of top-level HEADER / HEADER.FIELDS / HEADER.FIELDS.NOT / TEXT
// (lib/server/mime/top-level-section.ts, what FETCH uses) against the full MIME parse it replaces
// (imapBodySection(parseMessage(raw), section)): byte-identical answers on random header-ish
// bytes (folded lines, bare LF and CR, 8-bit and NUL bytes, duplicate fields, nameless lines,
// no header/body separator), on generated MIME messages and on the recorded Dovecot corpus.
// Iterations per property are fixed below (numRuns) and were all run.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { imapBodySection, parseMessage } from "@/lib/server/mime";
import { readTopLevelSection, topLevelSection } from "@/lib/server/mime/top-level-section";
import { lineBreak, mimeTree, renderMimeTree } from "./support/mime-arbitraries";

const RANDOM_RUNS = 3000;
const MIME_RUNS = 1500;

const NAMES = ["From", "from", "TO", "Subject", "X-A", "x-a", "Date", "Content-Type", "CC", "X"];

/** Header-ish lines: names in any case, blanks before the colon, folds, odd bytes, odd breaks. */
const line = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...NAMES, "", " From", "\tX-A", "Fr\u00f6m", "X\u0000A", "From:To"),
      fc.constantFrom(":", " :", "\t:", ":", ""),
      fc.constantFrom(" value", "", " a: b", " \u00e9t\u00e9", " \u0000", "  ", " =?x?="),
    )
    .map(([name, colon, value]) => name + colon + value),
  fc.constantFrom(" folded", "\tfolded", " ", "no colon here", "--b", "\u00ff\u00fe"),
  fc.string({ maxLength: 12 }),
);
const headerBytes = fc
  .tuple(
    fc.array(fc.tuple(line, fc.constantFrom("\r\n", "\n", "\r\n", "\r", "\r\n")), {
      maxLength: 14,
    }),
    fc.constantFrom("\r\n", "\n", "", "\r\n\r\n", "\r\r\n"),
    fc.constantFrom("", "body\r\n", "Subject: in body\r\n\r\nmore\n"),
  )
  .map(([lines, separator, body]) =>
    Buffer.from(lines.map(([l, eol]) => l + eol).join("") + separator + body, "latin1"),
  );

const fieldList = fc
  .array(
    fc.oneof(
      fc.constantFrom(...NAMES),
      fc.constantFrom(...NAMES).map((n) => n.toLowerCase()),
      fc.constantFrom('"Subject"', '"X-A"', "MISSING"),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((names) => `(${names.join(" ")})`);
const section = fc.oneof(
  fc.constantFrom("HEADER", "TEXT", "header", "HEADER.FIELDS (FROM TO CC SUBJECT DATE)"),
  fieldList.map((list) => `HEADER.FIELDS ${list}`),
  fieldList.map((list) => `HEADER.FIELDS.NOT ${list}`),
);

function expectSame(raw: Buffer, text: string): void {
  const compiled = topLevelSection(text);
  expect(compiled, text).not.toBeNull();
  const fast = readTopLevelSection(raw, compiled!);
  const full = imapBodySection(parseMessage(raw), text);
  expect(full, text).not.toBeNull();
  expect(fast.toString("latin1"), text).toBe(full!.toString("latin1"));
}

describe("top-level header sections without the MIME parse", () => {
  it("match the full parse on random header bytes", () => {
    fc.assert(
      fc.property(headerBytes, section, (raw, text) => expectSame(raw, text)),
      { numRuns: RANDOM_RUNS },
    );
  });

  it("match the full parse on generated MIME messages", () => {
    fc.assert(
      fc.property(mimeTree, lineBreak, section, (tree, eol, text) =>
        expectSame(Buffer.from(renderMimeTree(tree, eol), "latin1"), text),
      ),
      { numRuns: MIME_RUNS },
    );
  });

  it("match the full parse on the recorded Dovecot corpus", () => {
    const corpus = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, "fixtures/dovecot-corpus.json"), "utf8"),
    ) as { messages: Array<{ raw: string }> };
    const sections = [
      "HEADER",
      "TEXT",
      "HEADER.FIELDS (FROM CONTENT-TYPE)",
      "HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID CONTENT-TYPE)",
      "HEADER.FIELDS.NOT (FROM CONTENT-TYPE)",
    ];
    expect(corpus.messages.length).toBeGreaterThan(100);
    for (const message of corpus.messages)
      for (const text of sections) expectSame(Buffer.from(message.raw, "latin1"), text);
  });

  it("match the full parse past the field limit (every later line joins the last field)", () => {
    const lines = Array.from({ length: 5003 }, (_, i) => `X-${i % 3 ? "A" : "B"}: ${i}\r\n`);
    const raw = Buffer.from(`${lines.join("")}Subject: late\r\n\r\nbody`, "latin1");
    for (const text of [
      "HEADER.FIELDS (X-A)",
      "HEADER.FIELDS.NOT (X-A)",
      "HEADER.FIELDS (SUBJECT)",
    ])
      expectSame(raw, text);
    // The 5,000th field (X-A: 4999) carries the rest of the header, X-B and Subject included.
    const fields = readTopLevelSection(raw, topLevelSection("HEADER.FIELDS (X-A)")!);
    expect(fields.toString("latin1")).toMatch(
      /\r\nX-A: 4997\r\nX-A: 4999\r\nX-A: 5000\r\nX-B: 5001\r\nX-A: 5002\r\nSubject: late\r\n\r\n$/,
    );
  });

  it("turns NUL bytes into 0x80 and keeps every other byte", () => {
    const raw = Buffer.from("From: a\u0000b\r\nTo: \u00ff\r\n\r\nx\u0000", "latin1");
    const from = readTopLevelSection(raw, topLevelSection("HEADER.FIELDS (FROM TO)")!);
    expect(from.toString("latin1")).toBe("From: a\u0080b\r\nTo: \u00ff\r\n\r\n");
    expect(readTopLevelSection(raw, topLevelSection("TEXT")!).toString("latin1")).toBe("x\u0080");
    expect(raw.includes(0)).toBe(true); // the stored bytes are not touched
  });

  it("leaves part sections, MIME, the whole message and non-ASCII names to the MIME parse", () => {
    for (const text of ["", "1", "1.HEADER", "2.TEXT", "1.MIME", "HEADER.FIELDS (\u00c9t\u00e9)"])
      expect(topLevelSection(text), text).toBeNull();
  });

  it("compares names as the full parse does once they are lower-cased ASCII", () => {
    // The Kelvin sign lower-cases to "k", so the full parse selects "K:" and "k:" fields.
    const raw = Buffer.from("K: 1\r\nk: 2\r\n\u00c9: 3\r\nKK: 4\r\n\r\n", "latin1");
    for (const text of ["HEADER.FIELDS (\u212a)", "HEADER.FIELDS.NOT (\u212a)"])
      expectSame(raw, text);
    expect(
      readTopLevelSection(raw, topLevelSection("HEADER.FIELDS (\u212a)")!).toString("latin1"),
    ).toBe("K: 1\r\nk: 2\r\n\r\n");
  });
});
