// "Forgot password" answers in the same time whether or not the address is a mailbox with a
// recovery address: the answer path does the same work for every address (including the one
// PasswordResetRequest row), and the token and the email come after the answer, from the
// delivery queue (deliverPendingPasswordResets). The statistics and tolerances
// are explained in tests/settings-request/support/answer-timing.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { requestPasswordReset } from "@/lib/server/password-reset/request-password-reset";
import { compareAnswerTimes, timingProblems } from "../settings-request/support/answer-timing";

const actor = { type: "system" as const };
const PAIRS = 50;
// Two requests per mailbox stay under the per-address limit (3 an hour).
const MAILBOXES = 28;

beforeAll(async () => {
  await addDomain({ name: "reset-timing.test", actor });
  for (let i = 0; i < MAILBOXES; i++)
    await addMailbox({
      address: `real${i}@reset-timing.test`,
      password: "Copper Lamp Harbour",
      recoveryEmail: `real${i}@home.test`,
      actor,
    });
}, 120_000);

describe("forgot password: timing", () => {
  it(`answers ${PAIRS} existing and ${PAIRS} unknown addresses in the same time, within noise`, async () => {
    let queued = 0;
    let unknown = 0;
    const result = await compareAnswerTimes({
      pairs: PAIRS,
      // A fresh IP per request: the per-IP limit must not make either side answer early.
      existing: async (i) => {
        const outcome = await requestPasswordReset({
          address: `real${i % MAILBOXES}@reset-timing.test`,
          ip: `198.51.100.${i + 1}`,
        });
        if (outcome === "queued") queued++;
      },
      missing: async (i) => {
        const outcome = await requestPasswordReset({
          address: `ghost${i}@reset-timing.test`,
          ip: `203.0.113.${i + 1}`,
        });
        if (outcome === "unknown_address") unknown++;
      },
    });
    console.log("forgot-password answer times (ms):", result);
    expect([queued, unknown]).toEqual([PAIRS + 5, PAIRS + 5]);
    expect(timingProblems(result)).toEqual([]);
  });
});
