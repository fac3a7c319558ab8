// What no polite client provokes, checked over a raw socket: wrong states, unknown commands,
// over-long lines, malformed arguments, AUTH PLAIN edge cases, pipelining, STLS injection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMailbox, startPop3, RawClient, type Pop3Server } from "./support";

const PASSWORD = "Tide Pool Secret 3";
const ADDRESS = "raw@errors.test";
const message = Buffer.from("Subject: raw\r\n\r\nhello\r\n");
const plain = (authzid: string, user: string, password: string) =>
  Buffer.from(`${authzid}\0${user}\0${password}`).toString("base64");

let server: Pop3Server;
beforeAll(async () => {
  server = await startPop3({ maxBadCommands: 5, maxLongLines: 3, maxLineLength: 512 });
  await seedMailbox(ADDRESS, PASSWORD, [message, message]);
  await seedMailbox("pipelined@errors.test", PASSWORD, [message]);
});
afterAll(() => server.close());

async function connect(): Promise<RawClient> {
  const client = await RawClient.connect(server.plainPort);
  expect(await client.line()).toMatch(/^\+OK/);
  return client;
}

async function loggedIn(address = ADDRESS): Promise<RawClient> {
  const client = await connect();
  expect(await client.command(`USER ${address}`)).toMatch(/^\+OK/);
  expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK/);
  return client;
}

async function quit(client: RawClient) {
  expect(await client.command("QUIT")).toMatch(/^\+OK/);
  await client.closedByServer();
}

describe("POP3 errors on a raw socket", () => {
  it("answers unknown commands and commands in the wrong state with -ERR", async () => {
    const client = await connect();
    expect(await client.command("FROB")).toMatch(/^-ERR Unknown command/);
    expect(await client.command("STAT")).toMatch(/^-ERR STAT is not allowed/);
    expect(await client.command("RETR 1")).toMatch(/^-ERR/);
    expect(await client.command("PASS whatever")).toMatch(/^-ERR Send USER first/);
    expect(await client.command("capa")).toBe("+OK Capability list follows");
    await client.multiline();
    await quit(client);

    const session = await loggedIn();
    expect(await session.command("USER someone@else.test")).toMatch(/^-ERR USER is not allowed/);
    expect(await session.command("STLS")).toMatch(/^-ERR/);
    await quit(session);
  });

  it("checks message-number arguments", async () => {
    const client = await loggedIn();
    expect(await client.command("LIST 0")).toMatch(/^-ERR No such message/);
    expect(await client.command("LIST 3")).toMatch(/^-ERR No such message/);
    expect(await client.command("LIST x")).toMatch(/^-ERR Invalid message number/);
    expect(await client.command("LIST 2")).toBe(`+OK 2 ${message.length}`);
    expect(await client.command("TOP 1")).toMatch(/^-ERR TOP needs/);
    expect(await client.command("TOP 1 -1")).toMatch(/^-ERR Invalid line count/);
    expect(await client.command("RETR")).toMatch(/^-ERR RETR needs/);
    expect(await client.command("DELE 2")).toMatch(/^\+OK/);
    expect(await client.command("RETR 2")).toMatch(/^-ERR Message 2 is already deleted/);
    expect(await client.command("UIDL 2")).toMatch(/^-ERR/);
    expect(await client.command("RSET")).toBe(
      `+OK Maildrop has 2 messages (${2 * message.length} octets).`,
    );
    expect(await client.command("NOOP")).toMatch(/^\+OK/);
    await quit(client);
  });

  it("answers an over-long line with -ERR, keeps going, and closes after repeated abuse", async () => {
    const client = await connect();
    expect(await client.command("X".repeat(5000))).toBe("-ERR Line too long.");
    expect(await client.command("CAPA")).toBe("+OK Capability list follows");
    await client.multiline();
    // A long line in pieces, without a line end for a while, is still one over-long line.
    client.send("Y".repeat(400));
    client.send("Y".repeat(400));
    expect(await client.command("Y")).toBe("-ERR Line too long.");
    // The third one (maxLongLines: 3) ends the connection.
    expect(await client.command(`USER ${"u".repeat(600)}`)).toBe(
      "-ERR Too many over-long lines, closing.",
    );
    await client.closedByServer();
  });

  it("closes the connection after too many bad commands", async () => {
    const client = await connect();
    for (let i = 0; i < 4; i++) expect(await client.command(`BAD${i}`)).toMatch(/^-ERR/);
    expect(await client.command("BAD4")).toBe("-ERR Too many bad commands, closing.");
    await client.closedByServer();
  });

  it("refuses a wrong password with [AUTH] and accepts any case of the address", async () => {
    const client = await connect();
    expect(await client.command(`USER ${ADDRESS}`)).toMatch(/^\+OK/);
    expect(await client.command("PASS tide pool secret 3")).toBe(
      "-ERR [AUTH] Authentication failed.",
    );
    expect(await client.command("USER nobody@errors.test")).toMatch(/^\+OK/);
    expect(await client.command(`PASS ${PASSWORD}`)).toBe("-ERR [AUTH] Authentication failed.");
    expect(await client.command(`USER ${ADDRESS.toUpperCase()}`)).toMatch(/^\+OK/);
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in, 2 messages/);
    await quit(client);
  });

  it("authenticates with AUTH PLAIN: initial response, continuation, cancel, bad base64", async () => {
    const client = await connect();
    expect(await client.command("AUTH")).toBe("+OK Mechanisms follow");
    expect(await client.multiline()).toEqual(["PLAIN"]);
    expect(await client.command("AUTH CRAM-MD5")).toMatch(/^-ERR Unsupported/);
    expect(await client.command("AUTH PLAIN")).toBe("+ ");
    expect(await client.command("*")).toBe("-ERR Authentication cancelled.");
    expect(await client.command("AUTH PLAIN not*base64")).toMatch(/^-ERR Invalid base64/);
    expect(await client.command(`AUTH PLAIN ${plain("", ADDRESS, "wrong one")}`)).toBe(
      "-ERR [AUTH] Authentication failed.",
    );
    expect(await client.command("AUTH PLAIN")).toBe("+ ");
    expect(await client.command(plain("", ADDRESS, PASSWORD))).toMatch(/^\+OK Logged in/);
    await quit(client);

    const other = await connect();
    expect(await other.command(`AUTH PLAIN ${plain("someone@else.test", ADDRESS, PASSWORD)}`)).toBe(
      "-ERR [AUTH] Authentication failed.",
    );
    expect(await other.command(`auth plain ${plain(ADDRESS, ADDRESS, PASSWORD)}`)).toMatch(
      /^\+OK Logged in/,
    );
    await quit(other);
  });

  it("answers pipelined commands in order (PIPELINING)", async () => {
    const client = await connect();
    client.send(
      `USER pipelined@errors.test\r\nPASS ${PASSWORD}\r\nSTAT\r\nLIST\r\nUIDL 1\r\nRETR 1\r\nNOOP\r\nQUIT\r\n`,
    );
    expect(await client.line()).toMatch(/^\+OK Send PASS/);
    expect(await client.line()).toMatch(/^\+OK Logged in/);
    expect(await client.line()).toBe(`+OK 1 ${message.length}`);
    expect(await client.line()).toMatch(/^\+OK 1 messages/);
    expect(await client.multiline()).toEqual([`1 ${message.length}`]);
    expect(await client.line()).toMatch(/^\+OK 1 \S+$/);
    expect(await client.line()).toBe(`+OK ${message.length} octets`);
    expect(await client.multiline()).toEqual(["Subject: raw", "", "hello"]);
    expect(await client.line()).toMatch(/^\+OK/);
    expect(await client.line()).toMatch(/^\+OK .*signing off/);
    await client.closedByServer();
  });

  it("discards commands pipelined after STLS (no plaintext injection into TLS)", async () => {
    const client = await connect();
    client.send(`STLS\r\nUSER ${ADDRESS}\r\n`);
    expect(await client.line()).toBe("+OK Begin TLS negotiation now.");
    await client.startTls();
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^-ERR Send USER first/);
    expect(await client.command("STLS")).toMatch(/^-ERR Already using TLS/);
    expect(await client.command("CAPA")).toBe("+OK Capability list follows");
    expect(await client.multiline()).not.toContain("STLS");
    await quit(client);
  });

  it("offers no STLS on the implicit-TLS port", async () => {
    const client = await RawClient.connectTls(server.tlsPort);
    expect(await client.line()).toMatch(/^\+OK/);
    expect(await client.command("STLS")).toMatch(/^-ERR/);
    expect(await client.command("CAPA")).toMatch(/^\+OK/);
    const capa = await client.multiline();
    expect(capa).toContain("USER");
    expect(capa).not.toContain("STLS");
    await quit(client);
  });
});
