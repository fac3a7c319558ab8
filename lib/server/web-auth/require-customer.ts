// The signed-in customer for a page or server action. Every call re-checks the token against
// the database (session version, suspension), so a dead session dies on its next request.
import { redirect } from "next/navigation";
import { checkWebSession, type Customer } from "./check-web-session";
import { readSessionClaims } from "./session-cookie";
import type { SessionClaims } from "./session-claims";

export type CustomerSession = {
  customer: Customer;
  claims: SessionClaims;
  usingTemporaryPassword: boolean;
};

/** The live session, including one signed in with a temporary password; null when none. */
export async function getCustomerSession(): Promise<CustomerSession | null> {
  const claims = await readSessionClaims();
  if (!claims) return null;
  const check = await checkWebSession({ claims });
  if (!check.ok) return null;
  return {
    customer: check.customer,
    claims,
    usingTemporaryPassword: check.usingTemporaryPassword,
  };
}

/** The signed-in customer, or null (also for a temporary-password session). */
export async function getCustomer(): Promise<{
  id: number;
  address: string;
  preferredProtocol: "POP3" | "IMAP";
} | null> {
  const session = await getCustomerSession();
  return session && !session.usingTemporaryPassword ? session.customer : null;
}

/**
 * The signed-in customer; otherwise redirects to /login. A session signed in with a
 * staff-issued temporary password is sent to /password until it sets a new one.
 */
export async function requireCustomer(): Promise<{
  id: number;
  address: string;
  preferredProtocol: "POP3" | "IMAP";
}> {
  const session = await getCustomerSession();
  if (!session) redirect("/login");
  if (session.usingTemporaryPassword) redirect("/password");
  return session.customer;
}

/** Like requireCustomer, but lets a temporary-password session through (the /password page). */
export async function requireCustomerSession(): Promise<CustomerSession> {
  const session = await getCustomerSession();
  if (!session) redirect("/login");
  return session;
}
