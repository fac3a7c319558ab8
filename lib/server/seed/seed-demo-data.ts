import { randomBytes } from "node:crypto";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { addStaff } from "@/lib/server/staff/add-staff";

export const DEMO_DOMAIN = "example.com";
export const DEMO_CUSTOMER = `demo@${DEMO_DOMAIN}`;
export const DEMO_STAFF = `admin@${DEMO_DOMAIN}`;

function readablePassword(): string {
  // 15 random bytes in base32-ish groups: ~120 bits, easy to read aloud.
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(15);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return chars.match(/.{5}/g)!.join("-");
}

export type DemoCredentials = {
  customer: { address: string; password: string };
  staff: { email: string; password: string };
};

/** Seeds on the first run only (an empty database); returns the credentials to print once. */
export async function seedDemoData(): Promise<DemoCredentials | null> {
  const [domains, staff] = await Promise.all([db().domain.count(), db().staffUser.count()]);
  if (domains > 0 || staff > 0) return null;
  const actor = { type: "system" as const, label: "demo seed" };
  const customer = { address: DEMO_CUSTOMER, password: readablePassword() };
  const admin = { email: DEMO_STAFF, password: readablePassword() };
  await addDomain({ name: DEMO_DOMAIN, actor });
  await addMailbox({
    address: customer.address,
    password: customer.password,
    actor,
    recoveryEmail: undefined,
  });
  await addStaff({ email: admin.email, password: admin.password, role: "admin", actor });
  return { customer, staff: admin };
}
