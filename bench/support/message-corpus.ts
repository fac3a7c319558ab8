// Deterministic, realistic test messages (2–20 KB): the same seed gives the same bytes, so our
// server and Dovecot are loaded with identical mail. Plain text, multipart/alternative and a
// small base64 attachment, with the headers clients fetch for a message list.
const WORDS = (
  "the of and to in is you that it he was for on are as with his they at be this have from or " +
  "one had by word but not what all were we when your can said there use an each which she do " +
  "how their if will up other about out many then them these so some her would make like him " +
  "into time has look two more write go see number no way could people my than first water " +
  "invoice meeting quarterly report schedule delivery account password settings outlook café"
).split(" ");
const NAMES = ["Alice Martin", "Bruno Keller", "Chloé Dubois", "Dmitri Ivanov", "Erin Walsh"];

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function paragraph(random: () => number, bytes: number): string {
  const lines: string[] = [];
  let line: string[] = [];
  let size = 0;
  while (size < bytes) {
    const word = WORDS[Math.floor(random() * WORDS.length)];
    line.push(word);
    size += word.length + 1;
    if (line.join(" ").length > 68) {
      lines.push(line.join(" "));
      line = [];
    }
  }
  if (line.length) lines.push(line.join(" "));
  return lines.join("\r\n");
}

function base64Lines(random: () => number, bytes: number): string {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = Math.floor(random() * 256);
  return (data.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
}

export type CorpusMessage = { raw: Buffer; date: Date };

/** Message number `index` of the corpus: 2–20 KB (or about `sizeBytes`), dated one minute
 * apart from 2026-01-01. */
export function corpusMessage(index: number, seed = 1, sizeBytes?: number): CorpusMessage {
  const random = seededRandom(seed * 1_000_003 + index);
  const date = new Date(Date.UTC(2026, 0, 1) + index * 60_000);
  const from = NAMES[index % NAMES.length];
  const fromAddress = from.toLowerCase().replace(/[^a-z]+/g, ".") + "@example.org";
  const target = sizeBytes ?? 2048 + Math.floor(random() * 18 * 1024);
  const kind = index % 3;
  const headers = [
    `Return-Path: <${fromAddress}>`,
    `Received: from mx.example.org (mx.example.org [192.0.2.${index % 250}])\r\n\tby mail.bench.test; ${date.toUTCString()}`,
    `From: ${from} <${fromAddress}>`,
    `To: Bench User <bench@bench.test>`,
    `Subject: ${paragraph(random, 30).split("\r\n")[0]} #${index}`,
    `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <corpus-${seed}-${index}@example.org>`,
    `MIME-Version: 1.0`,
  ];
  let body: string;
  if (kind === 0) {
    headers.push("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit");
    body = paragraph(random, target - 600);
  } else if (kind === 1) {
    const boundary = `alt-${seed}-${index}`;
    headers.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
    const text = paragraph(random, (target - 900) / 2);
    body = [
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      text,
      `--${boundary}`,
      "Content-Type: text/html; charset=utf-8",
      "",
      `<html><body><p>${text.replace(/\r\n/g, "</p>\r\n<p>")}</p></body></html>`,
      `--${boundary}--`,
      "",
    ].join("\r\n");
  } else {
    const boundary = `mixed-${seed}-${index}`;
    headers.push(`Content-Type: multipart/mixed; boundary="${boundary}"`);
    body = [
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      paragraph(random, 800),
      `--${boundary}`,
      `Content-Type: application/pdf; name="invoice-${index}.pdf"`,
      `Content-Disposition: attachment; filename="invoice-${index}.pdf"`,
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(random, Math.max(256, Math.floor(((target - 1600) * 3) / 4))),
      `--${boundary}--`,
      "",
    ].join("\r\n");
  }
  return { raw: Buffer.from(`${headers.join("\r\n")}\r\n\r\n${body}\r\n`), date };
}
