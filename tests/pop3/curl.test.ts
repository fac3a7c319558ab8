// curl's POP3 client (pop3:// with STLS or on loopback, pop3s://) against our server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curl, seedMailbox, startPop3, type Pop3Server } from "./support";

const PASSWORD = "Moon Pie Secret 2";
const first = Buffer.from(
  "From: x@example.org\r\nSubject: curl one\r\n\r\n.dot line\r\n\r\nbody\r\n",
);
const second = Buffer.from(
  `Subject: curl two\r\n\r\n${Array.from({ length: 2000 }, (_, i) => `line ${i} ${"é".repeat(i % 7)}`).join("\r\n")}\r\n`,
);

let server: Pop3Server;
beforeAll(async () => {
  server = await startPop3();
  await seedMailbox("fetch@curl.test", PASSWORD, [first, second]);
});
afterAll(() => server.close());

const user = ["--user", `fetch@curl.test:${PASSWORD}`];

describe("POP3 with curl", () => {
  it("lists and retrieves byte-exact over pop3:// on loopback", async () => {
    const listing = (await curl([...user, `pop3://127.0.0.1:${server.plainPort}/`])).toString();
    expect(listing).toBe(`1 ${first.length}\r\n2 ${second.length}\r\n`);
    const one = await curl([...user, `pop3://127.0.0.1:${server.plainPort}/1`]);
    expect(one.equals(first)).toBe(true);
    const two = await curl([...user, `pop3://127.0.0.1:${server.plainPort}/2`]);
    expect(two.equals(second)).toBe(true);
  });

  it("upgrades with STLS when asked (--ssl-reqd) and retrieves byte-exact", async () => {
    const one = await curl([
      ...user,
      "--ssl-reqd",
      "--insecure",
      `pop3://127.0.0.1:${server.plainPort}/1`,
    ]);
    expect(one.equals(first)).toBe(true);
  });

  it("retrieves byte-exact over pop3s:// (implicit TLS)", async () => {
    const two = await curl([...user, "--insecure", `pop3s://127.0.0.1:${server.tlsPort}/2`]);
    expect(two.equals(second)).toBe(true);
  });

  it("sends custom commands: UIDL and TOP", async () => {
    const uidl = (
      await curl([...user, "--request", "UIDL", `pop3://127.0.0.1:${server.plainPort}/`])
    ).toString();
    expect(uidl).toMatch(/^1 \S+\r\n2 \S+\r\n$/);
    const top = (
      await curl([...user, "--request", "TOP 1 1", `pop3://127.0.0.1:${server.plainPort}/`])
    ).toString();
    expect(top).toBe("From: x@example.org\r\nSubject: curl one\r\n\r\n.dot line\r\n");
  });

  it("fails on a wrong password", async () => {
    await expect(
      curl(["--user", "fetch@curl.test:nope nope nope", `pop3://127.0.0.1:${server.plainPort}/1`]),
    ).rejects.toThrow();
  });
});
