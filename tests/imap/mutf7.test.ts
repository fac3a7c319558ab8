// Modified UTF-7 (RFC 3501 §5.1.3): known vectors, strict refusal of non-canonical input, and
// round-trip properties over arbitrary Unicode and arbitrary wire text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeMailboxName, encodeMailboxName } from "@/mailserver/imap/mutf7";

describe("modified UTF-7 mailbox names", () => {
  it.each([
    ["~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"],
    ["Entwürfe", "Entw&APw-rfe"],
    ["Tom & Jerry", "Tom &- Jerry"],
    ["&", "&-"],
    ["Archiv/Größe", "Archiv/Gr&APYA3w-e"],
    ["😀 Fun", "&2D3eAA- Fun"],
    ["plain/ASCII ~!", "plain/ASCII ~!"],
  ])("encodes %s as %s and back", (unicode, wire) => {
    expect(encodeMailboxName(unicode)).toBe(wire);
    expect(decodeMailboxName(wire)).toBe(unicode);
  });

  it.each([
    ["raw UTF-8", "Entwürfe"],
    ["unterminated run", "&ZeVnLIqe"],
    ["bad base64 letter", "&Ze/nLIqe-"],
    ["ASCII inside base64", "&AGE-"],
    ["two adjacent runs", "&U,BTFw-&ZeVnLIqe-"],
    ["left-over bits", "&AP1-"],
    ["half a character", "&AP-"],
    ["lone high surrogate", "&2D0-"],
    ["lone low surrogate", "&3gA-"],
    ["control character", "a\tb"],
  ])("refuses %s", (_, wire) => {
    expect(() => decodeMailboxName(wire)).toThrow();
  });

  it("round-trips any Unicode name and emits only printable ASCII", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (name) => {
        const wire = encodeMailboxName(name);
        expect(wire).toMatch(/^[\x20-\x7e]*$/);
        expect(decodeMailboxName(wire)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });

  it("decodes wire text only when it is the canonical form of what it decodes to", () => {
    const wireChar = fc.constantFrom(..."&-AZaz09+,/ ~.ABCDEFghij&-".split(""));
    fc.assert(
      fc.property(fc.array(wireChar, { maxLength: 30 }), (chars) => {
        const wire = chars.join("");
        let decoded: string;
        try {
          decoded = decodeMailboxName(wire);
        } catch {
          return;
        }
        expect(encodeMailboxName(decoded)).toBe(wire);
      }),
      { numRuns: 3000 },
    );
  });
});
