// Differential check: random MIME-ish messages through Dovecot and through our MIME layer,
// reporting every message whose ENVELOPE / BODYSTRUCTURE / BODY / sections differ.
//   npx tsx tests/mime/clients/compare-with-dovecot.ts [count] [seed]
import fc from "fast-check";
import { imapBodySection, imapBodyStructure, imapEnvelope, parseMessage } from "@/lib/server/mime";
import { dovecotFetch } from "./dovecot-session";
import { mimeTree, renderMimeTree } from "../support/mime-arbitraries";

const count = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1);
const SECTIONS = ["1", "1.MIME", "2", "2.MIME", "1.1", "1.2", "2.1", "2.2.MIME", "TEXT", "HEADER"];

const messages = fc
  .sample(mimeTree, { numRuns: count, seed })
  .map((tree) => Buffer.from(renderMimeTree(tree, "\r\n"), "latin1"));
const ITEMS = ["ENVELOPE", "BODYSTRUCTURE", "BODY", ...SECTIONS.map((s) => `BODY.PEEK[${s}]`)];
const answers = dovecotFetch(messages, ITEMS.join(" "));

let differing = 0;
messages.forEach((raw, index) => {
  const parsed = parseMessage(raw);
  const ours = new Map<string, Buffer>([
    ["ENVELOPE", Buffer.from(imapEnvelope(parsed), "utf8")],
    ["BODYSTRUCTURE", Buffer.from(imapBodyStructure(parsed, true), "utf8")],
    ["BODY", Buffer.from(imapBodyStructure(parsed, false), "utf8")],
  ]);
  for (const section of SECTIONS) {
    // Dovecot answers an empty literal for sections that do not exist.
    const content = imapBodySection(parsed, section) ?? Buffer.alloc(0);
    ours.set(`BODY[${section}]`, Buffer.concat([Buffer.from(`{${content.length}}\r\n`), content]));
  }
  const theirs = answers[index]!;
  const diffs = [...ours].filter(([name, value]) => !theirs.get(name)?.equals(value));
  if (diffs.length === 0) return;
  differing++;
  console.log(`=== message ${index}: ${JSON.stringify(raw.toString("latin1"))}`);
  for (const [name, value] of diffs) {
    console.log(`  ${name} ours:    ${JSON.stringify(value.toString("latin1"))}`);
    console.log(`  ${name} dovecot: ${JSON.stringify(theirs.get(name)?.toString("latin1"))}`);
  }
});
console.log(`${differing} of ${messages.length} messages differ`);
