// "Forgot my settings" answers in the same time whether or not the address is a mailbox: the
// answer path does the same queries either way, and the picture and the sending happen later,
// in the queue worker (support/answer-timing.ts explains the statistics and the tolerance).
import { beforeAll, describe, expect, it } from "vitest";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { requestSettingsEmail } from "@/lib/server/settings-request/request-settings-email";
import { compareAnswerTimes, timingProblems } from "./support/answer-timing";

const actor = { type: "system" as const };
const PAIRS = 50;
// Two requests per mailbox stay under the per-address limit (3 an hour).
const MAILBOXES = 28;

beforeAll(async () => {
  await addDomain({ name: "timing.test", actor });
  for (let i = 0; i < MAILBOXES; i++)
    await addMailbox({ address: `real${i}@timing.test`, password: "Copper Lamp Harbour", actor });
}, 120_000);

describe("forgot my settings: timing", () => {
  it(`answers ${PAIRS} existing and ${PAIRS} unknown addresses in the same time, within noise`, async () => {
    // A fresh IP per request: the per-IP limit must not turn either side into "rate_limited".
    const outcomes = new Set<string>();
    const result = await compareAnswerTimes({
      pairs: PAIRS,
      existing: async (i) =>
        outcomes.add(
          await requestSettingsEmail({
            address: `real${i % MAILBOXES}@timing.test`,
            ip: `198.51.100.${i + 1}`,
            userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
          }),
        ),
      missing: async (i) =>
        outcomes.add(
          await requestSettingsEmail({
            address: `ghost${i}@timing.test`,
            ip: `203.0.113.${i + 1}`,
            userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
          }),
        ),
    });
    console.log("forgot-settings answer times (ms):", result);
    expect([...outcomes].sort()).toEqual(["queued", "unknown_address"]);
    expect(timingProblems(result)).toEqual([]);
  });
});
