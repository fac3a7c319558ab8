// A database outage gives temporary answers ([SYS/TEMP], RFC 3206) and the server recovers by
// itself when the database is back; a session open during the outage survives it.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { adminQuery } from "../support/postgres-cluster";
import { RawClient, seedMailbox, startPop3, type Pop3Server } from "./support";

const PASSWORD = "Lantern Field 6603";
const databaseName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
const admin = () => inject("pgAdminUrl");

async function setDatabaseReachable(reachable: boolean) {
  await adminQuery(admin(), `ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS ${reachable}`);
  if (!reachable)
    await adminQuery(
      admin(),
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName}'`,
    );
}

let server: Pop3Server;
beforeAll(async () => {
  server = await startPop3();
  await seedMailbox("outage@outage.test", PASSWORD, [Buffer.from("Subject: o\r\n\r\no\r\n")]);
  await seedMailbox("later@outage.test", PASSWORD);
});
afterAll(async () => {
  await setDatabaseReachable(true);
  await server.close();
});

async function greeted(): Promise<RawClient> {
  const client = await RawClient.connect(server.plainPort);
  expect(await client.line()).toMatch(/^\+OK/);
  return client;
}

describe("POP3 during a database outage", () => {
  it("answers [SYS/TEMP] while the database is down and recovers when it is back", async () => {
    const open = await greeted();
    await open.command("USER outage@outage.test");
    expect(await open.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in/);

    await setDatabaseReachable(false);
    const client = await greeted();
    expect(await client.command("USER later@outage.test")).toMatch(/^\+OK/);
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^-ERR \[SYS\/TEMP\]/);
    expect(await open.command("STAT")).toMatch(/^-ERR \[SYS\/TEMP\]/);
    expect(await open.command("RETR 1")).toMatch(/^-ERR \[SYS\/TEMP\]/);

    await setDatabaseReachable(true);
    expect(await open.command("STAT")).toMatch(/^\+OK 1 /);
    expect(await open.command("RETR 1")).toMatch(/^\+OK/);
    expect(await open.multiline()).toEqual(["Subject: o", "", "o"]);
    expect(await client.command("USER later@outage.test")).toMatch(/^\+OK/);
    expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in, 0 messages/);
    expect(await open.command("QUIT")).toMatch(/^\+OK/);
    expect(await client.command("QUIT")).toMatch(/^\+OK/);
  });
});
