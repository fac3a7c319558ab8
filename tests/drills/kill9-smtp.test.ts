// The essential reliability drill in the suite: kill -9 of the mail backend process while
// nodemailer clients deliver; every message answered with 250 is in the store afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBenchStack, type BenchStack } from "../../bench/support/bench-stack";
import { runKill9Drill } from "../../bench/support/kill9-drill";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";

let stack: BenchStack;
beforeAll(async () => {
  stack = await startBenchStack({ databaseUrl: process.env.DATABASE_URL });
  const actor = { type: "system" as const };
  await addDomain({ name: "drill.test", actor });
  await addMailbox({
    address: "box@drill.test",
    password: "Drill Password Long",
    quotaBytes: 1024 ** 3,
    actor,
  });
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

describe("kill -9 during SMTP delivery", () => {
  it("loses no acknowledged message", async () => {
    const result = await runKill9Drill(stack, {
      sessions: 4,
      killAfterAcks: 30,
      address: "box@drill.test",
    });
    expect(result.acknowledged).toBeGreaterThanOrEqual(45);
    expect(result.missing).toBe(0);
  }, 240_000);
});
