// COMPRESS=DEFLATE (RFC 4978): exact wire bytes on a raw socket, a second COMPRESS refused, the
// stream really compressed, implicit TLS and STARTTLS (Python imaplib + Python's zlib, a client
// nobody here wrote), and decompression bombs stopped by the line and literal limits, which
// count inflated bytes.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { startDeflate } from "@/mailserver/imap/compression";
import { ResponseWriter } from "@/mailserver/imap/response-writer";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
let server: TestImapServer;
let mailboxId: number;
const USER = "deflate@imap.test";
const BIG = sampleMessage(2, " All work and no play.".repeat(20_000));

beforeAll(async () => {
  server = await startTestImapServer({ maxLineLength: 2000, maxCommandLiteral: 4000 });
  mailboxId = (await seedMailbox(USER)).id;
  await deliverMessage({ mailboxId, raw: sampleMessage(1) });
  await deliverMessage({ mailboxId, raw: BIG });
});
afterAll(() => server.close());

async function compressed(client: RawImapClient): Promise<RawImapClient> {
  await client.until(/^\* OK .*\r\n/m);
  expect(await client.command("l", `LOGIN ${USER} "${PASSWORD}"`)).toMatch(/^l OK/m);
  // The OK is the last uncompressed byte sequence; nothing may follow it in clear.
  expect(await client.command("z", "COMPRESS DEFLATE")).toBe("z OK DEFLATE active\r\n");
  expect(client.pending()).toBe("");
  client.compress();
  return client;
}

/** Raw DEFLATE blocks (full flush, no final block) of `size` bytes of "a": ~1/1000 of it. */
function bomb(size: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (d: Buffer) => out.push(d));
  const chunk = Buffer.alloc(1024 * 1024, "a");
  for (let sent = 0; sent < size; sent += chunk.length)
    deflate.write(chunk.subarray(0, Math.min(chunk.length, size - sent)));
  return new Promise((resolve) =>
    deflate.flush(zlib.constants.Z_FULL_FLUSH, () => resolve(Buffer.concat(out))),
  );
}

describe("IMAP COMPRESS=DEFLATE", () => {
  it("switches both directions after the tagged OK and refuses a second COMPRESS", async () => {
    const c = await RawImapClient.connect(server.port);
    const greeting = await c.until(/^\* OK .*\r\n/m);
    expect(greeting).toContain("COMPRESS=DEFLATE");
    expect(await c.command("p", "COMPRESS DEFLATE")).toBe("p BAD COMPRESS is not allowed now\r\n");
    expect(await c.command("l", `LOGIN ${USER} "${PASSWORD}"`)).toMatch(/^l OK/m);
    expect(await c.command("g", "COMPRESS GZIP")).toBe("g BAD Unknown compression mechanism\r\n");
    expect(await c.command("z", "COMPRESS DEFLATE")).toBe("z OK DEFLATE active\r\n");
    c.compress();
    expect(await c.command("z2", "COMPRESS DEFLATE")).toBe(
      "z2 NO [COMPRESSIONACTIVE] Compression is already active\r\n",
    );
    expect(await c.command("s", "SELECT INBOX")).toMatch(/^\* 2 EXISTS\r\n[\s\S]*^s OK/m);
    const before = c.wireBytesReceived;
    const fetched = await c.command("f", "FETCH 2 BODY.PEEK[]");
    expect(fetched).toContain(
      `* 2 FETCH (BODY[] {${BIG.length}}\r\n${BIG.toString("latin1")})\r\n`,
    );
    // 440 KB of repetitive text crossed the wire in a small fraction of that.
    expect(c.wireBytesReceived - before).toBeLessThan(BIG.length / 20);
    // A literal upload through the compressed stream (synchronizing: waits for "+").
    const message = sampleMessage(3);
    c.send(`a APPEND INBOX {${message.length}}\r\n`);
    await c.until(/^\+ .*\r\n/m);
    c.send(Buffer.concat([message, Buffer.from("\r\n")]));
    expect(await c.until(/^a (OK|NO|BAD).*\r\n/m)).toMatch(/^a OK \[APPENDUID \d+ 3\]/m);
    expect(await c.command("o", "LOGOUT")).toMatch(/^\* BYE .*\r\no OK .*\r\n$/);
    await c.waitClosed();
  });

  it("inflates commands pipelined right behind COMPRESS in the same packet", async () => {
    const c = await RawImapClient.connect(server.port);
    await c.until(/^\* OK .*\r\n/m);
    await c.command("l", `LOGIN ${USER} "${PASSWORD}"`);
    const early = zlib.deflateRawSync("n NOOP\r\n", { finishFlush: zlib.constants.Z_FULL_FLUSH });
    await c.sendRaw(Buffer.concat([Buffer.from("z COMPRESS DEFLATE\r\n"), early]));
    expect(await c.until(/^z .*\r\n/m)).toBe("z OK DEFLATE active\r\n");
    c.compress();
    expect(await c.until(/^n .*\r\n/m)).toBe("n OK NOOP completed\r\n");
    expect(await c.command("s", "STATUS INBOX (MESSAGES)")).toMatch(/^s OK/m);
    c.close();
  });

  it("compresses over implicit TLS", async () => {
    const c = await compressed(await RawImapClient.connectTls(server.tlsPort));
    expect(await c.command("e", "EXAMINE INBOX")).toMatch(/^e OK \[READ-ONLY\]/m);
    expect(await c.command("f", "FETCH 1 (UID RFC822.SIZE)")).toBe(
      `* 1 FETCH (UID 1 RFC822.SIZE ${sampleMessage(1).length})\r\nf OK FETCH completed\r\n`,
    );
    c.close();
  });

  it("answers an over-long line with the line limit, and a decompression bomb line with BYE", async () => {
    const c = await compressed(await RawImapClient.connect(server.port));
    // Over the 2,000-byte line limit but under 16 times it: refused, skipped, the session goes on.
    c.send("x NOOP ");
    await c.sendRaw(await bomb(20_000));
    c.send("\r\nn NOOP\r\n");
    expect(await c.until(/^n OK.*\r\n/m)).toBe(
      "* BAD Command line too long\r\nn OK NOOP completed\r\n",
    );
    // 32 MB of "a" in about 32 KB on the wire: the reader stops skipping and ends the session.
    c.send("y NOOP ");
    await c.sendRaw(await bomb(32 * 1024 * 1024));
    expect(await c.until(/^\* BYE .*\r\n/m, 60_000)).toBe(
      "* BAD Command line too long\r\n* BYE Too much data that cannot be accepted\r\n",
    );
    await c.waitClosed();
  });

  it("refuses a decompression bomb as a literal by its announced size", async () => {
    const c = await compressed(await RawImapClient.connect(server.port));
    // Synchronizing: refused before the "+", so the client never sends it.
    expect(await c.command("a1", "APPEND INBOX {33554432}")).toMatch(/^a1 NO \[TOOBIG\]/m);
    // Non-synchronizing: sent anyway, swallowed through the inflater without being kept.
    c.send("a2 APPEND INBOX {33554432+}\r\n");
    await c.sendRaw(await bomb(32 * 1024 * 1024));
    c.send("\r\n");
    expect(await c.until(/^a2 .*\r\n/m, 60_000)).toMatch(/^a2 NO \[TOOBIG\]/m);
    // Outside APPEND the smaller command literal limit applies to the inflated size.
    c.send("s1 SEARCH TEXT {10000+}\r\n");
    await c.sendRaw(await bomb(10_000));
    c.send("\r\n");
    expect(await c.until(/^s1 .*\r\n/m)).toBe("s1 BAD Literal too big\r\n");
    expect(await c.command("st", "STATUS INBOX (MESSAGES)")).toMatch(/MESSAGES \d+\)\r\nst OK/);
    // A non-synchronizing literal far beyond anything acceptable is not swallowed: BYE.
    c.send("a3 APPEND INBOX {4000000000+}\r\n");
    await c.sendRaw(await bomb(8 * 1024 * 1024));
    expect(await c.until(/^\* BYE .*\r\n/m)).toMatch(
      /^a3 NO \[TOOBIG\] .*\r\n\* BYE Too much data that cannot be accepted\r\n$/,
    );
    await c.waitClosed();
  });

  it("holds the socket back while the reader is not reading (backpressure through the inflater)", async () => {
    const socket = new PassThrough();
    const layer = startDeflate(socket, Buffer.alloc(0));
    layer.input.pause(); // the command reader paused its input
    const payload = await bomb(64 * 1024 * 1024);
    socket.write(payload);
    await new Promise((r) => setTimeout(r, 200));
    // What was inflated stays within the stream buffers; the compressed rest waits upstream.
    expect(layer.input.readableLength).toBeLessThanOrEqual(64 * 1024);
    expect(socket.readableLength + layer.input.writableLength).toBeGreaterThan(0);
    socket.destroy();
  });

  it("keeps the writer's backpressure through the deflater when the client does not read", async () => {
    const socket = new PassThrough(); // nobody reads what the server sends
    const layer = startDeflate(socket, Buffer.alloc(0));
    const writer = new ResponseWriter(socket);
    writer.setOutput(layer.output, layer.flush);
    let written = 0;
    const writing = (async () => {
      for (let i = 0; i < 64; i++) {
        await writer.write(randomBytes(512 * 1024)); // incompressible
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    // The writer waits instead of queueing 32 MB: a response or two is in the stream buffers.
    expect(written).toBeLessThan(4);
    expect(layer.output.writableLength + socket.readableLength).toBeLessThan(2 * 1024 * 1024);
    socket.destroy();
    await writing;
  });

  it("works for Python imaplib with Python's zlib over STARTTLS and implicit TLS", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "imap-deflate-"));
    const file = path.join(dir, "message.eml");
    writeFileSync(file, sampleMessage(7, " LABEL" + " compressible text".repeat(3000)));
    const script = path.resolve("tests/imap/clients/imaplib_compress.py");
    const { stdout } = await run("python3", [
      script,
      String(server.port),
      String(server.tlsPort),
      USER,
      PASSWORD,
      file,
    ]);
    const result = JSON.parse(stdout);
    for (const mode of ["starttls", "implicit"]) {
      const r = result[mode];
      expect(r.capabilities).toContain("COMPRESS=DEFLATE");
      expect(r.login).toBe("OK");
      expect(r.compress).toEqual(["OK", "DEFLATE active"]);
      expect(r.second_compress).toEqual([
        "NO",
        "[COMPRESSIONACTIVE] Compression is already active",
      ]);
      expect(r.append[0]).toBe("OK");
      expect(r.select).toBe("OK");
      expect(r.body_exact).toBe(true);
      expect(r.search).toEqual([r.uid]);
      expect(r.logout).toBe("BYE");
      expect(r.wire_bytes).toBeGreaterThan(0);
      expect(r.wire_bytes).toBeLessThan(20_000); // the 54 KB message came back compressed
    }
  });
});
