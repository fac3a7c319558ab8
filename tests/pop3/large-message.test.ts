// A large message (12 MB, with lines that need dot-stuffing) arrives byte-exact through real
// clients over TLS, streamed in chunks with backpressure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curl, fromBase64, poplib, seedMailbox, startPop3, type Pop3Server } from "./support";

const PASSWORD = "Granite Owl 3390";
const ADDRESS = "big@large.test";

function bigMessage(bytes: number): Buffer {
  const lines = ["From: big@example.org", "Subject: large", "MIME-Version: 1.0", ""];
  let size = lines.join("\r\n").length + 2;
  for (let i = 0; size < bytes; i++) {
    // Every 7th line starts with a dot; base64-like filler otherwise.
    const line = `${i % 7 === 0 ? "." : ""}${Buffer.from(`line ${i} `.repeat(6)).toString("base64").slice(0, 76)}`;
    lines.push(line);
    size += line.length + 2;
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}

const message = bigMessage(12 * 1024 * 1024);
let server: Pop3Server;
beforeAll(async () => {
  server = await startPop3();
  await seedMailbox(ADDRESS, PASSWORD, [message]);
}, 120_000);
afterAll(() => server.close());

describe("POP3 with a large message", () => {
  it("curl pop3s:// receives it byte for byte", async () => {
    const received = await curl([
      "--user",
      `${ADDRESS}:${PASSWORD}`,
      "--insecure",
      `pop3s://127.0.0.1:${server.tlsPort}/1`,
    ]);
    expect(received.length).toBe(message.length);
    expect(received.equals(message)).toBe(true);
  }, 120_000);

  it("Python poplib over STLS receives it byte for byte, with the octets LIST promised", async () => {
    const out = await poplib({
      port: server.plainPort,
      mode: "stls",
      user: ADDRESS,
      password: PASSWORD,
      steps: [["list"], ["retr", 1], ["quit"]],
    });
    expect(out.steps[0].lines).toEqual([`1 ${message.length}`]);
    expect(out.steps[1].octets).toBe(message.length);
    expect(fromBase64(out.steps[1].raw).equals(message)).toBe(true);
  }, 120_000);
});
