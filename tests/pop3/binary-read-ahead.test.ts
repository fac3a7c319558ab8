// RETR and TOP through the binary COPY reads and the read-ahead of several messages per query:
// messages with every byte value but CR/LF inside CRLF lines (NUL runs, 0x80–0xFF), dot lines
// exactly at slice boundaries (a line's "." as a slice's first byte, CR and LF in different
// slices, ".." split across two slices), a read-ahead budget smaller than the messages, and a
// multi-megabyte message with the default 1 MB slices followed by many small ones. Python's
// poplib and curl check the bytes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curl, fromBase64, poplib, seedMailbox, startPop3, type Pop3Server } from "./support";

const PASSWORD = "Copper Kettle 8841";
const SLICE = 1000;

/** Lines of filler cycling through every byte value except CR and LF. */
class MessageBuilder {
  private parts: Buffer[] = [];
  private size = 0;
  private next = 0;

  constructor(header: string) {
    this.add(Buffer.from(header));
  }

  add(bytes: Buffer): this {
    this.parts.push(bytes);
    this.size += bytes.length;
    return this;
  }

  line(prefix: string, length: number): this {
    const body = Buffer.alloc(Math.max(0, length - prefix.length));
    for (let i = 0; i < body.length; i++) {
      do this.next = (this.next + 1) & 0xff;
      while (this.next === 0x0d || this.next === 0x0a);
      body[i] = this.next;
    }
    if (body.length > 20) body.fill(0, 5, 15); // a NUL run in most lines
    return this.add(Buffer.concat([Buffer.from(prefix), body, Buffer.from("\r\n")]));
  }

  /** A filler line ending so that the message is then exactly `offset` bytes long. */
  lineTo(offset: number): this {
    while (offset - this.size > 202) this.line("", 150);
    if (offset - this.size < 2) throw new Error("no room for a line");
    return this.line("", offset - this.size - 2);
  }

  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function binaryMessage(n: number): Buffer {
  const b = new MessageBuilder(
    `Subject: binary ${n}\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return b
    .lineTo(SLICE) // a line starting with "." is the second slice's first byte
    .line(".dot at a slice start", 80)
    .lineTo(2 * SLICE + 1) // CR is the last byte of slice 2, LF the first of slice 3
    .line(". after a split CRLF", 60)
    .lineTo(4 * SLICE - 1) // ".." across the boundary of slices 4 and 5
    .line("..two dots", 90)
    .line(".", 1)
    .line("", 300 + n * 37)
    .build();
}

function textMessage(n: number, lines: number): Buffer {
  const body = Array.from({ length: lines }, (_, i) =>
    i % 5 === 0 ? `.line ${i}` : `line ${i} of ${n}`,
  );
  return Buffer.from(`Subject: text ${n}\r\n\r\n${body.join("\r\n")}\r\n`);
}

describe("POP3 with small slices and a read-ahead budget smaller than the messages", () => {
  const messages = [
    binaryMessage(1),
    textMessage(2, 10),
    textMessage(3, 200), // larger than one slice
    binaryMessage(4),
    textMessage(5, 3),
    textMessage(6, 40),
    textMessage(7, 1),
    binaryMessage(8),
  ];
  let server: Pop3Server;
  beforeAll(async () => {
    server = await startPop3({
      messageSliceBytes: SLICE,
      writeChunkBytes: 300,
      readAheadBytes: 2500,
    });
    await seedMailbox("bin@readahead.test", PASSWORD, messages);
  }, 60_000);
  afterAll(() => server.close());

  it("gives poplib every message byte for byte, in order, out of order, around DELE and TOP", async () => {
    const inOrder = messages.map((_, i) => ["retr", i + 1] as ["retr", number]);
    const out = await poplib({
      port: server.plainPort,
      mode: "plain",
      user: "bin@readahead.test",
      password: PASSWORD,
      steps: [
        ...inOrder,
        ["retr", 5],
        ["dele", 6],
        ["retr", 4],
        ["retr", 7], // read ahead after 4 skipped the deleted 6
        ["top", 8, 2],
        ["retr", 8],
        ["rset"], // the curl test below still sees all of them
        ["quit"],
      ],
    });
    const got = (step: number) => fromBase64(out.steps[step].raw);
    messages.forEach((m, i) => {
      expect(out.steps[i].octets).toBe(m.length);
      expect(got(i).equals(m), `message ${i + 1}`).toBe(true);
    });
    const n = messages.length;
    expect(got(n).equals(messages[4])).toBe(true);
    expect(out.steps[n + 1].resp).toMatch(/^\+OK/);
    expect(got(n + 2).equals(messages[3])).toBe(true);
    expect(got(n + 3).equals(messages[6])).toBe(true);
    const headerAndTwo = messages[7].subarray(0, messages[7].indexOf("\r\n\r\n") + 4);
    const top = got(n + 4);
    expect(top.subarray(0, headerAndTwo.length).equals(headerAndTwo)).toBe(true);
    expect(top.subarray(headerAndTwo.length).toString("latin1").split("\r\n")).toHaveLength(3);
    expect(got(n + 5).equals(messages[7])).toBe(true);
  });

  it("gives curl's POP3 client the binary messages byte for byte", async () => {
    for (const number of [1, 4, 8]) {
      const received = await curl([
        "--user",
        `bin@readahead.test:${PASSWORD}`,
        `pop3://127.0.0.1:${server.plainPort}/${number}`,
      ]);
      expect(received.equals(messages[number - 1]), `message ${number}`).toBe(true);
    }
  });
});

describe("POP3 with the default slices and read-ahead", () => {
  const big = (() => {
    const b = new MessageBuilder("Subject: big binary\r\n\r\n");
    for (let k = 1; k <= 2; k++) b.lineTo(k * 1024 * 1024).line(".at a 1 MB boundary", 70);
    return b.lineTo(2.5 * 1024 * 1024).build();
  })();
  const messages = [big, ...Array.from({ length: 30 }, (_, i) => textMessage(i, 500 + i * 40))];
  let server: Pop3Server;
  beforeAll(async () => {
    server = await startPop3();
    await seedMailbox("big@readahead.test", PASSWORD, messages);
  }, 120_000);
  afterAll(() => server.close());

  it("sends a multi-slice message and the many after it, in one session, byte for byte", async () => {
    const out = await poplib({
      port: server.plainPort,
      mode: "plain",
      user: "big@readahead.test",
      password: PASSWORD,
      steps: [...messages.map((_, i) => ["retr", i + 1] as ["retr", number]), ["quit"]],
    });
    messages.forEach((m, i) => {
      expect(fromBase64(out.steps[i].raw).equals(m), `message ${i + 1}`).toBe(true);
    });
  }, 120_000);
});
