// Our ENVELOPE, BODYSTRUCTURE, BODY and BODY[section] against Dovecot's recorded answers for
// 200 messages (100 hand-written edge cases, 100 random MIME-ish ones; see
// tests/mime/clients/record-dovecot-corpus.ts), byte for byte. Dovecot answers an empty
// literal for a section that does not exist, where we return null.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { imapBodySection, imapBodyStructure, imapEnvelope, parseMessage } from "@/lib/server/mime";
import { CORPUS_SECTIONS } from "./support/corpus-items";

type Corpus = { messages: Array<{ raw: string; answers: Record<string, string> }> };

const corpus = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "fixtures/dovecot-corpus.json"), "utf8"),
) as Corpus;

function ourAnswers(raw: Buffer): Record<string, string> {
  const message = parseMessage(raw);
  const wire = (text: string) => Buffer.from(text, "utf8").toString("latin1");
  const answers: Record<string, string> = {
    ENVELOPE: wire(imapEnvelope(message)),
    BODYSTRUCTURE: wire(imapBodyStructure(message, true)),
    BODY: wire(imapBodyStructure(message, false)),
  };
  for (const section of CORPUS_SECTIONS) {
    const bytes = imapBodySection(message, section) ?? Buffer.alloc(0);
    answers[`BODY[${section}]`] = `{${bytes.length}}\r\n${bytes.toString("latin1")}`;
  }
  return answers;
}

/**
 * Where we answer differently on purpose. Raw 8-bit header text that is not UTF-8 (here a
 * Latin-1 "é") is sent by Dovecot as the raw byte; we read it as Latin-1 and send UTF-8, so
 * that ENVELOPE stays valid UTF-8 text (stored in a PostgreSQL text column, written to the
 * socket as UTF-8). RFC 5322 §3.2.5 forbids 8-bit header text and RFC 6532 allows only UTF-8,
 * so there is no right byte to copy, and RFC 3501 §4.3 lets a literal carry either.
 */
const DEVIATIONS = new Map<string, Record<string, string>>([
  [
    "Subject: caf\u00e9\r\n\r\n",
    { ENVELOPE: "(NIL {5}\r\ncaf\u00c3\u00a9 NIL NIL NIL NIL NIL NIL NIL NIL)" },
  ],
]);

describe("Dovecot corpus", () => {
  it("has each deliberate deviation in it, where Dovecot answered otherwise", () => {
    for (const [raw, ours] of DEVIATIONS) {
      const entry = corpus.messages.find((message) => message.raw === raw);
      expect(entry).toBeDefined();
      for (const [item, value] of Object.entries(ours))
        expect(entry!.answers[item]).not.toBe(value);
    }
  });

  it("holds the recorded messages", () => {
    expect(corpus.messages).toHaveLength(200);
  });

  corpus.messages.forEach((entry, index) => {
    it(`message ${index} equals Dovecot's answers`, () => {
      const raw = Buffer.from(entry.raw, "latin1");
      expect(ourAnswers(raw)).toEqual({ ...entry.answers, ...DEVIATIONS.get(entry.raw) });
    });
  });
});
