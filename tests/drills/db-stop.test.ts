// The PostgreSQL-stop drill in the suite: its own throwaway cluster (the drill stops the server,
// so never the suite's shared one), the mail backend as a child process, SMTP + IMAP + POP3
// clients working while PostgreSQL is stopped for 5 s and started again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBenchStack, type BenchStack } from "../../bench/support/bench-stack";
import { runDbStopDrill, type DrillResult } from "../../bench/support/db-stop-drill";
import { corpusMessage } from "../../bench/support/message-corpus";
import {
  addBenchDomain,
  addBenchMailbox,
  BENCH_PASSWORD,
  loadMessages,
} from "../../bench/support/seed-mail";

let stack: BenchStack;
beforeAll(async () => {
  stack = await startBenchStack(); // no databaseUrl: a cluster of its own
  await addBenchDomain("drill.test");
  const box = await addBenchMailbox("box@drill.test");
  await loadMessages(box.id, 2, (i) => corpusMessage(i));
}, 120_000);
afterAll(() => stack?.stop(), 60_000);

const total = (result: DrillResult, phase: "outage" | "after", cls: "temporary" | "ok") =>
  Object.values(result.counts).reduce((sum, phases) => sum + phases[phase][cls], 0);

describe("PostgreSQL stopped under SMTP, IMAP and POP3 load", () => {
  it("answers only with temporary failures and recovers without a restart", async () => {
    const result = await runDbStopDrill(stack, {
      address: "box@drill.test",
      password: BENCH_PASSWORD,
      outageMs: 5_000,
    });
    expect([...result.wrong.keys()]).toEqual([]);
    expect(result.backendSurvived).toBe(true);
    // The outage was really felt, by every protocol...
    for (const protocol of ["smtp", "imap", "pop3"] as const)
      expect(result.counts[protocol].outage.temporary).toBeGreaterThan(0);
    expect(total(result, "outage", "temporary")).toBeGreaterThan(total(result, "outage", "ok"));
    // ...and each one works again (a delivery, an APPEND, a RETR) with the same process.
    expect(Object.values(result.recoveryMs).every(Number.isFinite)).toBe(true);
  }, 150_000);
});
