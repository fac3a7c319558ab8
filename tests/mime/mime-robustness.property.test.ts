// Property tests: whatever bytes arrive, parsing and every MIME function terminate without
// throwing, ENVELOPE and BODYSTRUCTURE/BODY are well-formed IMAP (balanced, valid grammar),
// and the sizes and line counts BODYSTRUCTURE claims match the bytes BODY[section] returns.
// Iterations per property are fixed below (numRuns) and were all run: 1500 random byte
// strings, 1500 MIME-ish generated messages, 150 deeply nested messages.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bodyText,
  headerText,
  headerValues,
  imapBodySection,
  imapBodyStructure,
  imapEnvelope,
  parseMessage,
  sentDate,
  sentDay,
} from "@/lib/server/mime";
import { checkBody, checkEnvelope, readImapValue } from "./support/imap-syntax";
import { lineBreak, mimeTree, renderMimeTree } from "./support/mime-arbitraries";

const RANDOM_BYTES_RUNS = 1500;
const MIME_RUNS = 1500;
const DEEP_RUNS = 150;

function countLines(bytes: Buffer): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  return lines;
}

/** Everything the IMAP server may call, with the invariants that must hold for any input. */
function exercise(raw: Buffer): void {
  const message = parseMessage(raw);
  checkEnvelope(readImapValue(imapEnvelope(message)));
  const claims = checkBody(readImapValue(imapBodyStructure(message, true)), true);
  checkBody(readImapValue(imapBodyStructure(message, false)), false);
  for (const claim of claims) {
    const section = imapBodySection(message, claim.path);
    expect(section, claim.path).not.toBeNull();
    expect(section!.length, claim.path).toBe(claim.size);
    if (claim.lines !== null) expect(countLines(section!), claim.path).toBe(claim.lines);
    expect(imapBodySection(message, `${claim.path}.MIME`)).not.toBeNull();
  }
  const header = imapBodySection(message, "HEADER")!;
  const text = imapBodySection(message, "TEXT")!;
  expect(header.length + text.length).toBe(raw.length);
  expect(imapBodySection(message, "")!.length).toBe(raw.length);
  for (const section of ["1.HEADER", "2.TEXT", "HEADER.FIELDS (FROM TO)", "1.2.3.MIME", "0"]) {
    const bytes = imapBodySection(message, section);
    if (bytes) expect(bytes.includes(0)).toBe(false);
  }
  for (const name of ["subject", "from", "content-type"]) {
    for (const value of headerValues(message, name)) expect(typeof value).toBe("string");
  }
  expect(typeof headerText(message)).toBe("string");
  expect(typeof bodyText(message)).toBe("string");
  const date = sentDate(message);
  if (date) expect(Number.isNaN(date.getTime())).toBe(false);
  const day = sentDay(message);
  if (day) expect(Number.isNaN(day.getTime())).toBe(false);
}

describe("MIME layer robustness", () => {
  it(`never throws on random bytes (${RANDOM_BYTES_RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), (bytes) => {
        exercise(Buffer.from(bytes));
      }),
      { numRuns: RANDOM_BYTES_RUNS },
    );
  });

  it(`never throws on MIME-ish messages, truncated or not (${MIME_RUNS} runs)`, () => {
    fc.assert(
      fc.property(mimeTree, lineBreak, fc.option(fc.nat()), (tree, eol, cut) => {
        const raw = Buffer.from(renderMimeTree(tree, eol), "latin1");
        exercise(cut === null ? raw : raw.subarray(0, cut % (raw.length + 1)));
      }),
      { numRuns: MIME_RUNS },
    );
  });

  it(`caps deep nesting of multiparts and message/rfc822 (${DEEP_RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("multipart", "message"), { minLength: 40, maxLength: 150 }),
        fc.boolean(),
        (levels, closeThem) => {
          let raw = "Subject: deep\r\n";
          let closing = "";
          levels.forEach((level, index) => {
            if (level === "multipart") {
              raw += `Content-Type: multipart/mixed; boundary=l${index}\r\n\r\n--l${index}\r\n`;
              if (closeThem) closing = `\r\n--l${index}--${closing}`;
            } else raw += "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n";
          });
          raw += `\r\nleaf${closing}\r\n`;
          const message = parseMessage(Buffer.from(raw));
          exercise(Buffer.from(raw));
          const structure = imapBodyStructure(message, true);
          let depth = 0;
          let deepest = 0;
          for (const char of structure) {
            if (char === "(") deepest = Math.max(deepest, ++depth);
            if (char === ")") depth--;
          }
          // 50 MIME levels, each at most 3 list levels deep (body, envelope, address).
          expect(deepest).toBeLessThanOrEqual(50 * 3 + 3);
        },
      ),
      { numRuns: DEEP_RUNS },
    );
  });
});
