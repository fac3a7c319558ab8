// Random command lines and random bytes at both live POP3 listeners (fast-check): whatever
// arrives, the server answers only in POP3 form and keeps serving new clients.
import net from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { RawClient, seedMailbox, startPop3, type Pop3Server } from "./support";

const PASSWORD = "Quarry Bell 7710";
const ADDRESS = "fuzz@fuzz.test";

let server: Pop3Server;
let mailboxId: number;
beforeAll(async () => {
  server = await startPop3({
    idleTimeoutMs: 3_000,
    tlsHandshakeTimeoutMs: 1_000,
    maxLineLength: 256,
  });
  const raw = Buffer.from("Subject: fuzz\r\n\r\n.x\r\ny\r\n");
  mailboxId = (await seedMailbox(ADDRESS, PASSWORD, [raw, raw, raw])).id;
});
afterAll(() => server.close());

const verbs = [
  "USER",
  "PASS",
  "AUTH",
  "STAT",
  "LIST",
  "UIDL",
  "RETR",
  "TOP",
  "DELE",
  "RSET",
  "NOOP",
  "CAPA",
  "APOP",
  "XTND",
  "",
  "AUTH PLAIN",
  "quit",
];
const argument = fc.oneof(
  fc.constantFrom("", "1", "2", "0", "-1", "99999999999", "1 0", "1 99", "=", "*", "x y z"),
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 400 }),
);
const commandLine = fc
  .tuple(fc.constantFrom(...verbs), argument, fc.constantFrom("\r\n", "\n", "\r\r\n"))
  .map(([verb, arg, end]) => `${verb}${arg ? ` ${arg}` : ""}${end}`);

/** Sends everything then QUIT, collects the answer until the server closes. */
async function exchange(port: number, payload: Buffer): Promise<string> {
  const socket = net.connect(port, "127.0.0.1");
  const received: Buffer[] = [];
  socket.on("data", (d) => received.push(d));
  socket.on("error", () => {});
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  // Two QUITs: one may be taken as the answer to an AUTH PLAIN challenge.
  socket.write(Buffer.concat([payload, Buffer.from("\r\nQUIT\r\nQUIT\r\n")]));
  await new Promise<void>((resolve) => {
    // The server closes after QUIT; the idle and handshake limits close the rest.
    const quiet = setTimeout(resolve, 15_000);
    socket.once("close", () => {
      clearTimeout(quiet);
      resolve();
    });
  });
  socket.destroy();
  return Buffer.concat(received).toString("latin1");
}

async function stillServing() {
  const client = await RawClient.connect(server.plainPort);
  expect(await client.line()).toMatch(/^\+OK/);
  expect(await client.command("CAPA")).toBe("+OK Capability list follows");
  client.end();
}

async function maildropFree() {
  while ((await db().pop3MaildropLock.count({ where: { mailboxId } })) > 0)
    await new Promise((r) => setTimeout(r, 20));
}

describe("POP3 listeners under random input (fast-check)", () => {
  it("random command lines after a real login: bounded answers, server keeps serving (50 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandLine, { minLength: 1, maxLength: 25 }), async (lines) => {
        await maildropFree();
        const payload = Buffer.from(`USER ${ADDRESS}\r\nPASS ${PASSWORD}\r\n${lines.join("")}`);
        const answer = await exchange(server.plainPort, payload);
        expect(answer.startsWith("+OK Octeportal POP3 ready.\r\n")).toBe(true);
        expect(answer).toMatch(/\+OK Logged in/);
        expect(answer.length).toBeLessThan(200_000);
        await stillServing();
      }),
      { numRuns: 50 },
    );
  }, 120_000);

  it("random bytes at the plain and the TLS listener never take the server down (200 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), async (bytes, tlsPort) => {
        const answer = await exchange(
          tlsPort ? server.tlsPort : server.plainPort,
          Buffer.from(bytes),
        );
        if (!tlsPort) expect(answer).toMatch(/^\+OK Octeportal POP3 ready\.\r\n/);
        await stillServing();
      }),
      { numRuns: 200 },
    );
  }, 180_000);
});
