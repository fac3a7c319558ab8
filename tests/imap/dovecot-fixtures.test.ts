// The recorded Dovecot answers (shared/fixtures/imap-dovecot) replayed against our server over
// the wire: ENVELOPE, BODYSTRUCTURE, RFC822.SIZE and BODY[section] through the shared
// imap-fixture-diff tool, and every recorded SEARCH through a raw socket.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawImapClient } from "./support/raw-client";
import {
  PASSWORD,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
const fixtures = process.env.IMAP_FIXTURES ?? path.resolve("../shared/fixtures/imap-dovecot");
const tool = path.resolve(fixtures, "../../tools/imap-fixture-diff");
const USER = "fixtures@imap.test";
let server: TestImapServer;

beforeAll(async () => {
  server = await startTestImapServer();
  await seedMailbox(USER);
});
afterAll(() => server.close());

describe("Dovecot fixtures over the wire", () => {
  it("FETCH answers match Dovecot's for every fixture message", { timeout: 120_000 }, async () => {
    const { stdout } = await run("python3", [
      tool,
      "127.0.0.1",
      String(server.port),
      USER,
      PASSWORD,
      "FixtureDiff",
      fixtures,
    ]);
    const lines = stdout.trim().split("\n");
    const score = JSON.parse(lines[lines.length - 1]);
    console.log(stdout);
    expect(score.messages).toBe(30);
    expect(lines.filter((l) => l.startsWith("differs:"))).toEqual([]);
    expect(score).toEqual({
      messages: 30,
      ENVELOPE: 30,
      BODYSTRUCTURE: 30,
      "RFC822.SIZE": 30,
      sections: 30,
    });
  });

  it("SEARCH answers match Dovecot's", { timeout: 120_000 }, async () => {
    const recorded = JSON.parse(fs.readFileSync(path.join(fixtures, "search.json"), "latin1"));
    const c = await RawImapClient.connect(server.port);
    await c.until(/^\* OK .*\r\n/m);
    await c.command("l", `LOGIN ${USER} "${PASSWORD}"`);
    await c.command("c", "CREATE SearchFixtures");
    const order = Object.entries(recorded.sequence_number_to_file as Record<string, string>).sort(
      (a, b) => Number(a[0]) - Number(b[0]),
    );
    for (const [seq, file] of order) {
      const raw = fs.readFileSync(path.join(fixtures, file));
      c.send(`a${seq} APPEND SearchFixtures () "10-Mar-2025 12:00:00 +0000" {${raw.length}+}\r\n`);
      c.send(Buffer.concat([raw, Buffer.from("\r\n")]));
      expect(await c.until(new RegExp(`^a${seq} (OK|NO|BAD).*\\r\\n`, "m"))).toMatch(/ OK /);
    }
    await c.command("s", "SELECT SearchFixtures");
    const mismatches: string[] = [];
    for (const search of recorded.searches as Array<Record<string, string>>) {
      const command = search.command.replace(/\{(\d+)\}\r\n/g, "{$1+}\r\n");
      c.send(Buffer.from(`${search.tag} ${command}`, "latin1"));
      const got = await c.until(new RegExp(`^${search.tag} (OK|NO|BAD).*\\r\\n`, "m"));
      const want = /^\* SEARCH.*$/m.exec(search.response)?.[0] ?? "(no result)";
      const have = /^\* SEARCH.*?(?=\r\n)/m.exec(got)?.[0] ?? got.trim();
      if (want !== have) mismatches.push(`${search.description}: want ${want}, got ${have}`);
    }
    c.close();
    expect(mismatches).toEqual([]);
  });
});
