// Behaviour the Dovecot fixtures do not reach: limits, bare-LF mail, RFC 2231 continuations,
// obsolete address and date forms, encoded-word decoding for SEARCH, section syntax.
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
import { MAX_DEPTH, MAX_PARTS } from "@/lib/server/mime/structure";
import { checkBody, readImapValue } from "./support/imap-syntax";

const parse = (text: string) => parseMessage(Buffer.from(text, "latin1"));
const section = (text: string, name: string) =>
  imapBodySection(parse(text), name)?.toString("latin1") ?? null;

describe("limits", () => {
  it(`stops splitting after ${MAX_PARTS} parts; the rest is epilogue`, () => {
    const parts = Array.from({ length: MAX_PARTS + 2_000 }, (_, i) => `--p\r\n\r\n${i}\r\n`);
    const raw = `Content-Type: multipart/mixed; boundary=p\r\n\r\n${parts.join("")}--p--\r\n`;
    const message = parse(raw);
    const claims = checkBody(readImapValue(imapBodyStructure(message, true)), true);
    expect(claims.length).toBe(MAX_PARTS - 1);
    expect(imapBodySection(message, String(MAX_PARTS - 1))!.toString()).toBe(String(MAX_PARTS - 2));
    expect(imapBodySection(message, String(MAX_PARTS))).toBeNull();
    expect(
      imapBodySection(message, "TEXT")!.length + imapBodySection(message, "HEADER")!.length,
    ).toBe(raw.length);
  });

  it(`keeps parts nested deeper than ${MAX_DEPTH} levels as opaque leaves`, () => {
    let raw = "";
    let closing = "";
    for (let level = 0; level < MAX_DEPTH + 10; level++) {
      raw += `Content-Type: multipart/mixed; boundary=n${level}-\r\n\r\n--n${level}-\r\n`;
      closing = `\r\n--n${level}---${closing}`;
    }
    raw += `\r\ninnermost${closing}\r\n`;
    const message = parse(raw);
    const structure = imapBodyStructure(message, false);
    const claims = checkBody(readImapValue(structure), false);
    expect(claims).toHaveLength(1);
    const leaf = Array(MAX_DEPTH).fill("1").join(".");
    expect(claims[0]!.path).toBe(leaf);
    expect(structure).toContain(`("multipart" "mixed" ("boundary" "n${MAX_DEPTH}-")`);
    expect(imapBodySection(message, leaf)!.toString()).toContain("innermost");
    expect(imapBodySection(message, `${leaf}.1`)).toBeNull();
  });
});

describe("structure", () => {
  it("handles bare-LF mail with exact byte offsets", () => {
    const raw =
      "Subject: lf\nContent-Type: multipart/mixed; boundary=z\n\npre\n--z\nContent-Type: text/plain\n\none\ntwo\n--z\n\nthree\n--z--\nepilogue\n";
    const message = parse(raw);
    expect(imapBodyStructure(message, false)).toBe(
      '(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 7 1)("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 5 0) "mixed")',
    );
    expect(section(raw, "1")).toBe("one\ntwo");
    expect(section(raw, "1.MIME")).toBe("Content-Type: text/plain\n\n");
    expect(section(raw, "2.MIME")).toBe("\n");
    expect(section(raw, "2")).toBe("three");
  });

  it("keeps an encoded message/rfc822 opaque (RFC 2046 §5.2.1 allows only 7bit/8bit/binary)", () => {
    const raw =
      "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nU3ViamVjdDogeA0KDQpoaQ==\r\n";
    expect(imapBodyStructure(parse(raw), true)).toBe(
      '("message" "rfc822" NIL NIL NIL "base64" 26 NIL NIL NIL NIL)',
    );
    expect(section(raw, "1.HEADER")).toBeNull();
  });

  it("treats a multipart without boundary as a single part", () => {
    const raw = "Content-Type: multipart/mixed\r\n\r\n--x\r\nhello\r\n";
    expect(imapBodyStructure(parse(raw), false)).toBe(
      '("multipart" "mixed" NIL NIL NIL "7bit" 12)',
    );
  });

  it("joins RFC 2231 continuations and lower-cases parameter names", () => {
    const raw =
      "Content-Type: application/x-thing; TITLE*0=\"Part \"; title*1=two; Name*0*=utf-8''a%20; name*1*=b\r\n\r\nx";
    expect(imapBodyStructure(parse(raw), false)).toBe(
      '("application" "x-thing" ("title" "Part two" "name*" "utf-8\'\'a%20b") NIL NIL "7bit" 1)',
    );
  });

  it("returns NUL bytes as 0x80 in sections (RFC 3501 §9: CHAR8 excludes NUL)", () => {
    const message = parse("Subject: x\r\n\r\nA\u0000B\r\n");
    expect([...imapBodySection(message, "TEXT")!]).toEqual([0x41, 0x80, 0x42, 0x0d, 0x0a]);
    expect(imapBodySection(message, "")!.length).toBe(19);
  });
});

describe("sections", () => {
  const raw =
    "From: a@b\r\nSubject: s\r\nX-Folded: one\r\n two\r\nDate: Mon, 10 Mar 2025 00:30:00 +0100\r\n\r\nbody\r\n";

  it("selects header fields by name, case-insensitively, folding kept", () => {
    expect(section(raw, 'HEADER.FIELDS ("x-folded" from)')).toBe(
      "From: a@b\r\nX-Folded: one\r\n two\r\n\r\n",
    );
    expect(section(raw, "header.fields.not (FROM X-FOLDED date)")).toBe("Subject: s\r\n\r\n");
    expect(section(raw, "HEADER.FIELDS (NOPE)")).toBe("\r\n");
  });

  it("answers null for sections that do not exist or are malformed", () => {
    for (const name of [
      "0",
      "1.0",
      "2",
      "1.1",
      "MIME",
      "1.FOO",
      "HEADER.FIELDS ()",
      "TEXT x",
      "1.HEADER",
    ]) {
      expect(section(raw, name), name).toBeNull();
    }
    expect(section(raw, "1")).toBe("body\r\n");
    expect(section(raw, "text")).toBe("body\r\n");
  });
});

describe("ENVELOPE addresses", () => {
  it("reads comments as names, routes, bare words and unclosed groups", () => {
    const envelope = imapEnvelope(
      parse(
        'From: bob@example.com (Bob Smith), <@r1,@r2:x@y>, undisclosed-recipients\r\nTo: list: a@b, "c d" <c@d>\r\nSubject: \t  spaced   out  \r\n\r\n',
      ),
    );
    expect(envelope).toBe(
      '(NIL {10}\r\nspaced out (("Bob Smith" NIL "bob" "example.com")(NIL "@r1,@r2" "x" "y")(NIL NIL "undisclosed-recipients" "MISSING_DOMAIN")) (("Bob Smith" NIL "bob" "example.com")(NIL "@r1,@r2" "x" "y")(NIL NIL "undisclosed-recipients" "MISSING_DOMAIN")) (("Bob Smith" NIL "bob" "example.com")(NIL "@r1,@r2" "x" "y")(NIL NIL "undisclosed-recipients" "MISSING_DOMAIN")) ((NIL NIL "list" NIL)(NIL NIL "a" "b")("c d" NIL "c" "d")(NIL NIL NIL NIL)) NIL NIL NIL NIL)',
    );
  });

  it("sends Latin-1 raw headers as UTF-8 literals instead of dropping bytes", () => {
    const envelope = imapEnvelope(parse("Subject: caf\xe9\r\n\r\n"));
    expect(envelope).toBe("(NIL {5}\r\ncafé NIL NIL NIL NIL NIL NIL NIL NIL)");
  });
});

describe("SEARCH text", () => {
  it("decodes encoded words: charsets, joined neighbours, language suffix, unknown charset kept", () => {
    const message = parse(
      "Subject: =?ISO-8859-1?Q?caf=E9?=  =?utf-8*en?b?w7w=?= =?x-unknown?q?zz?= tail\r\nSubject: two\r\n\r\n",
    );
    expect(headerValues(message, "SUBJECT")).toEqual(["caféü =?x-unknown?q?zz?= tail", "two"]);
    expect(headerValues(message, "to")).toEqual([]);
    expect(headerText(message)).toBe("Subject: caféü =?x-unknown?q?zz?= tail\r\nSubject: two");
  });

  it("decodes bodies, including encapsulated messages and their headers", () => {
    const message = parse(
      "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 sp=\r\nlit\r\n--x\r\nContent-Type: message/rfc822\r\n\r\nSubject: =?utf-8?q?inn=C3=A9r?=\r\nContent-Transfer-Encoding: base64\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nw7xiZXI=\r\n--x\r\nContent-Type: image/png\r\n\r\nnot text\r\n--x--\r\n",
    );
    const text = bodyText(message);
    expect(text).toContain("Café split");
    expect(text).toContain("Subject: innér");
    expect(text).toContain("über");
    expect(text).not.toContain("not text");
  });

  it("parses obsolete dates; sentDay keeps the written calendar day (RFC 3501 §6.4.4)", () => {
    const message = parse("Date: Mon, 10 Mar 2025 00:30:00 +0100\r\n\r\n");
    expect(sentDate(message)!.toISOString()).toBe("2025-03-09T23:30:00.000Z");
    expect(sentDay(message)!.toISOString()).toBe("2025-03-10T00:00:00.000Z");
    const obsolete = parse("Date: 5 Mar 99 13:05 EST (Eastern)\r\n\r\n");
    expect(sentDate(obsolete)!.toISOString()).toBe("1999-03-05T18:05:00.000Z");
    expect(sentDate(parse("Date: yesterday\r\n\r\n"))).toBeNull();
    expect(sentDate(parse("Subject: none\r\n\r\n"))).toBeNull();
  });
});
