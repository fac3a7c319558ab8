// Max connections per IP and per mailbox hold across backend processes: two IMAP listener groups
// on one database share the count through lease rows; a closed connection frees its place; the
// leases of a process that died stop counting once they expire.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  acquireConnectionLease,
  releaseConnectionLease,
  renewConnectionLeases,
} from "@/lib/server/imap/connection-leases";
import type { ImapLimits } from "@/mailserver/imap/limits";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
let servers: TestImapServer[] = [];

afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function twoServers(limits: Partial<ImapLimits>) {
  servers = await Promise.all([startTestImapServer(limits), startTestImapServer(limits)]);
  return servers;
}

/** Connects and returns the greeting line with the client. */
async function connect(server: TestImapServer) {
  const client = await RawImapClient.connect(server.port);
  const greeting = await client.until(/^\* (OK|BYE) .*\r\n/m);
  return { client, greeting };
}

/** Retries until the server has processed an earlier close (it frees the lease right after). */
async function eventually<T>(attempt: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await attempt();
    if (ok(value) || i >= 50) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("IMAP connection limits across processes", () => {
  it("counts connections per IP over both servers and frees a place on close", async () => {
    const [a, b] = await twoServers({ maxConnectionsPerIp: 3 });
    const first = await connect(a);
    const second = await connect(a);
    const third = await connect(b);
    for (const c of [first, second, third]) expect(c.greeting).toMatch(/^\* OK/);
    const refused = await connect(b);
    expect(refused.greeting).toBe("* BYE Too many connections from your address\r\n");
    await refused.client.waitClosed();
    const refusedToo = await connect(a);
    expect(refusedToo.greeting).toMatch(/^\* BYE Too many connections/);

    first.client.close();
    const admitted = await eventually(
      () => connect(b),
      (c) => c.greeting.startsWith("* OK"),
    );
    expect(admitted.greeting).toMatch(/^\* OK/);

    // Python imaplib sees the refusal as the server ending the connection at once.
    const script = [
      "import imaplib, sys",
      "try:",
      "    imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
      "    print('connected')",
      "except Exception as e:",
      "    print('refused:', e)",
    ].join("\n");
    const { stdout } = await run("python3", ["-c", script, String(a.port)]);
    expect(stdout).toMatch(/^refused:.*Too many connections/);
    for (const c of [second, third, admitted]) c.client.close();
  });

  it("counts logins per mailbox over both servers", async () => {
    await seedMailbox("limited@imap.test");
    const [a, b] = await twoServers({ maxConnectionsPerUser: 2 });
    const login = async (server: TestImapServer, tag: string) => {
      const { client } = await connect(server);
      const answer = await client.command(tag, `LOGIN limited@imap.test "${PASSWORD}"`);
      return { client, answer };
    };
    const one = await login(a, "a1");
    const two = await login(b, "b1");
    expect(one.answer).toMatch(/^a1 OK/m);
    expect(two.answer).toMatch(/^b1 OK/m);
    const three = await login(a, "a2");
    expect(three.answer).toMatch(/^a2 NO \[LIMIT\]/m);
    expect(await three.client.command("b2", "NOOP")).toMatch(/^b2 OK/m); // still connected
    const four = await login(b, "b3");
    expect(four.answer).toMatch(/^b3 NO \[LIMIT\]/m);

    two.client.close();
    const retried = await eventually(
      () => three.client.command("a3", `LOGIN limited@imap.test "${PASSWORD}"`),
      (answer) => /^a3 OK/m.test(answer),
    );
    expect(retried).toMatch(/^a3 OK/m);
    for (const c of [one, three, four]) c.client.close();
  });

  it("counts a crashed process's leases only until they expire", async () => {
    const [a] = await twoServers({ maxConnectionsPerIp: 2 });
    // A process that died holding one connection from this address, lease still valid…
    const live = await acquireConnectionLease({
      instanceId: "crashed-process",
      ip: "127.0.0.1",
      maxPerIp: 10,
      ttlMs: 600_000,
    });
    expect(live).not.toBeNull();
    // …and one whose lease has already run out.
    await acquireConnectionLease({
      instanceId: "crashed-long-ago",
      ip: "127.0.0.1",
      maxPerIp: 10,
      ttlMs: 0,
    });
    const first = await connect(a);
    expect(first.greeting).toMatch(/^\* OK/);
    const second = await connect(a);
    expect(second.greeting).toMatch(/^\* BYE Too many connections/);
    first.client.close();
  });

  it("keeps a live process's leases alive by renewing them, and sweeps expired ones", async () => {
    const ip = "192.0.2.7"; // never connected to: only lease rows
    const lease = { instanceId: "renewing-process", ip, ttlMs: 0 };
    const held = await acquireConnectionLease({ ...lease, maxPerIp: 1 });
    expect(held).not.toBeNull();
    // Expired already: it no longer counts…
    const other = await acquireConnectionLease({ ...lease, instanceId: "other", maxPerIp: 1 });
    expect(other).not.toBeNull();
    await releaseConnectionLease(other!);
    // …until its process renews it.
    await renewConnectionLeases("renewing-process", 600_000);
    expect(await acquireConnectionLease({ ...lease, instanceId: "other", maxPerIp: 1 })).toBeNull();
    await releaseConnectionLease(held!);
    expect(
      await acquireConnectionLease({ ...lease, instanceId: "other", maxPerIp: 1 }),
    ).not.toBeNull();
  });
});
