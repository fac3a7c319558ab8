// Repeated failed sign-ins are throttled by the shared login decision (per address and per IP,
// lib/server/auth/login-policy.ts), answered with the same message as any other failure.
import { expect, test } from "@playwright/test";
import { MAX_FAILURES_PER_ADDRESS_AND_IP } from "../../lib/server/auth/login-policy";
import { db } from "../../lib/server/db/client";
import { expectSignInRefused, freshIp, newClient, seedMailbox, signIn } from "./support";

test("20 failed sign-ins for one address are throttled, with the same message", async ({
  browser,
}) => {
  test.setTimeout(240_000); // 20 failures with growing failure delays
  const target = await seedMailbox("throttled");
  const bystander = await seedMailbox("bystander");
  const attackerIp = freshIp();
  const attacker = await newClient(browser, attackerIp);
  const page = await attacker.newPage();
  for (let i = 0; i < 20; i++) await expectSignInRefused(page, target.address, `guess ${i} wrong`);

  const attempts = await db().loginAttempt.findMany({
    where: { address: target.address },
    orderBy: { id: "asc" },
  });
  expect(attempts.map((a) => a.reason)).toEqual([
    ...Array(MAX_FAILURES_PER_ADDRESS_AND_IP).fill("wrong_password"),
    ...Array(20 - MAX_FAILURES_PER_ADDRESS_AND_IP).fill("throttled"),
  ]);
  expect(attempts.every((a) => a.ip === attackerIp && a.door === "WEB")).toBe(true);

  // While throttled even the right password gets the generic answer (nothing is revealed).
  await expectSignInRefused(page, target.address, target.password);
  expect(
    (
      await db().loginAttempt.findFirstOrThrow({
        where: { address: target.address },
        orderBy: { id: "desc" },
      })
    ).reason,
  ).toBe("throttled");

  // The owner, from another IP, still gets in: the limit is per address and IP (documented in
  // lib/server/auth/login-policy.ts), so an attacker cannot lock the owner out.
  const owner = await newClient(browser);
  await signIn(await owner.newPage(), target.address, target.password);
  await owner.close();

  // Nor is the attacker's IP locked out of other mailboxes (its own limit is higher).
  await signIn(page, bystander.address, bystander.password);
  const elsewhere = await newClient(browser);
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, bystander.address, bystander.password);
  await attacker.close();
  await elsewhere.close();
});
