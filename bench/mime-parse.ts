// How fast the MIME layer turns messages into ENVELOPE / BODYSTRUCTURE (what deliverMessage
// does once per message) and how it copes with hostile shapes.  npx tsx bench/mime-parse.ts
import { performance } from "node:perf_hooks";
import {
  bodyText,
  imapBodySection,
  imapBodyStructure,
  imapEnvelope,
  parseMessage,
} from "@/lib/server/mime";

function time(label: string, raw: Buffer, rounds: number, work: (raw: Buffer) => void): void {
  work(raw);
  const start = performance.now();
  for (let i = 0; i < rounds; i++) work(raw);
  const ms = (performance.now() - start) / rounds;
  const mb = raw.length / 1e6;
  console.log(
    `${label.padEnd(44)} ${mb.toFixed(2).padStart(7)} MB  ${ms.toFixed(2).padStart(9)} ms`,
  );
}

const structure = (raw: Buffer) => {
  const message = parseMessage(raw);
  imapEnvelope(message);
  imapBodyStructure(message, true);
  imapBodyStructure(message, false);
};

const attachment = Buffer.alloc(15_000_000, 7).toString("base64").replace(/.{76}/g, "$&\r\n");
const big = Buffer.from(
  `From: A <a@example.org>\r\nTo: b@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n` +
    `Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n` +
    `--x\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${attachment}\r\n--x--\r\n`,
);
const typical = Buffer.from(
  `From: "Alice" <alice@example.org>\r\nTo: Bob <bob@example.net>, carol@example.com\r\n` +
    `Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nDate: Mon, 10 Mar 2025 08:00:00 +0100\r\n` +
    `Message-ID: <x@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n` +
    `--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${"Hello there.\r\n".repeat(200)}--a\r\n` +
    `Content-Type: text/html; charset=utf-8\r\n\r\n<p>${"Hello there.<br>".repeat(200)}</p>\r\n--a--\r\n`,
);
const manyParts = Buffer.from(
  `Content-Type: multipart/mixed; boundary=p\r\n\r\n` +
    Array.from(
      { length: 20_000 },
      (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`,
    ).join("") +
    `--p--\r\n`,
);
let deep = "";
for (let level = 0; level < 5_000; level++) {
  deep += `Content-Type: multipart/mixed; boundary=d${level}x\r\n\r\n--d${level}x\r\n`;
}
const deepNesting = Buffer.from(`${deep}\r\nleaf\r\n`);
const headerFlood = Buffer.from(
  `${"X-A: b\r\n".repeat(500_000)}To: ${"a@b, ".repeat(200_000)}\r\n\r\nx`,
);

time("typical 2-part message: parse + structure", typical, 2_000, structure);
time("15 MB attachment: parse + structure", big, 5, structure);
time("15 MB attachment: BODY[2]", big, 5, (raw) => imapBodySection(parseMessage(raw), "2"));
time("15 MB attachment: bodyText", big, 3, (raw) => bodyText(parseMessage(raw)));
time("20,000 parts (10,000 kept): parse + structure", manyParts, 5, structure);
time("5,000 nesting levels (50 kept): parse + structure", deepNesting, 5, structure);
time("500,000 header lines, 200,000 To addresses", headerFlood, 3, structure);
