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

// Small alphabets make collisions likely: boundaries that prefix each other, boundary lines
// inside bodies, headers that look like delimiters.
const boundary = fc.constantFrom("b", "bb", "b1", "=_x", "outer", "out", "a b", "");
const lineBreak = fc.constantFrom("\r\n", "\n", "\r\n", "\r");
const headerName = fc.constantFrom(
  "Content-Type",
  "content-type",
  "Content-Transfer-Encoding",
  "Content-Disposition",
  "Content-Language",
  "Content-ID",
  "From",
  "To",
  "Subject",
  "Date",
  "X-Junk",
);
const headerValue = fc.oneof(
  fc.constantFrom(
    "multipart/mixed; boundary=b",
    'multipart/alternative; boundary="bb"',
    "multipart/digest; boundary=b1",
    "message/rfc822",
    "text/plain; charset=iso-8859-1",
    "text/html; charset=utf-8; format=flowed",
    "application",
    "base64",
    "quoted-printable",
    "attachment; filename*0*=UTF-8''a%20; filename*1=b",
    "=?UTF-8?B?w7w=?= <a@b>, group: x@y, <@r:z@w>;",
    '"Quoted \\" name" <q@x>, (comment) bare@host',
    "Mon, 10 Mar 2025 08:00:00 +0100",
    "Tue, 31 Feb 99 25:61 XYZ",
    "",
  ),
  fc.string({ maxLength: 40 }),
);

type Node = {
  headers: Array<[string, string]>;
  /** Announce the boundary in a Content-Type, so the children really are parts. */
  declared: "mixed" | "digest" | null;
  boundary: string;
  children: Node[];
  body: string;
};

const node: fc.Memo<Node> = fc.memo((depth) =>
  fc.record({
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }),
    declared: fc.constantFrom("mixed" as const, "mixed" as const, "digest" as const, null),
    boundary,
    children: depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([]),
    body: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom("--b", "--bb--", "--b1\r\n\r\n", "=\r\n=4", "SGVsbG8=", "\u0000\u00ff"),
    ),
  }),
);

function render(tree: Node, eol: string): string {
  const headers: Array<[string, string]> = [...tree.headers];
  if (tree.children.length > 0 && tree.declared) {
    headers.unshift(["Content-Type", `multipart/${tree.declared}; boundary="${tree.boundary}"`]);
  }
  const header = headers.map(([name, value]) => `${name}: ${value}${eol}`).join("");
  let body = tree.body;
  if (tree.children.length > 0) {
    const parts = tree.children.map((child) => `--${tree.boundary}${eol}${render(child, eol)}`);
    body = `${tree.body}${eol}${parts.join(eol)}${eol}--${tree.boundary}--${eol}`;
  }
  return `${header}${eol}${body}`;
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
      fc.property(node(4), lineBreak, fc.option(fc.nat()), (tree, eol, cut) => {
        const raw = Buffer.from(render(tree, eol), "latin1");
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
