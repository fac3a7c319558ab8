// Records Dovecot's answers for a corpus of messages into tests/mime/fixtures/, which
// tests/mime/dovecot-corpus.test.ts then compares against byte for byte (CI has no Dovecot).
//   npx tsx tests/mime/clients/record-dovecot-corpus.ts [randomCount] [seed]
//   npx prettier --write tests/mime/fixtures/dovecot-corpus.json
// The corpus: the hand-written cases in handpicked-messages.ts plus random MIME-ish messages
// from support/mime-arbitraries.ts (CRLF line ends, as Dovecot stores them).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { mimeTree, renderMimeTree } from "../support/mime-arbitraries";
import { CORPUS_ITEMS } from "../support/corpus-items";
import { dovecotFetch } from "./dovecot-session";
import { handpickedMessages } from "./handpicked-messages";

const randomCount = Number(process.argv[2] ?? 100);
const seed = Number(process.argv[3] ?? 20261127);

const raws = [
  ...handpickedMessages.map((text) => Buffer.from(text, "latin1")),
  ...fc
    .sample(mimeTree, { numRuns: randomCount, seed })
    .map((tree) => Buffer.from(renderMimeTree(tree, "\r\n"), "latin1")),
];
const answers = dovecotFetch(raws, CORPUS_ITEMS.join(" "));
const version = execFileSync("/usr/sbin/dovecot", ["--version"]).toString().trim();
const corpus = {
  recorded_with: `Dovecot ${version} (imap binary in PREAUTH mode, maildir, mail_save_crlf=yes)`,
  script: "tests/mime/clients/record-dovecot-corpus.ts",
  arguments: { randomCount, seed },
  encoding_note: "raw and item values are bytes as Latin-1 strings",
  items: CORPUS_ITEMS,
  messages: raws.map((raw, index) => ({
    raw: raw.toString("latin1"),
    answers: Object.fromEntries(
      [...answers[index]!].map(([name, value]) => [name, value.toString("latin1")]),
    ),
  })),
};
const target = path.resolve(import.meta.dirname, "../fixtures/dovecot-corpus.json");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, `${JSON.stringify(corpus, null, 1)}\n`);
console.log(`recorded ${raws.length} messages into ${target}`);
