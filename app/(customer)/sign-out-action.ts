"use server";
import { redirect } from "next/navigation";
import { endWebSessions } from "@/lib/server/web-auth/end-web-sessions";
import { requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { getCustomerSession } from "@/lib/server/web-auth/require-customer";
import { clearSessionCookie } from "@/lib/server/web-auth/session-cookie";

/** Ends the session for real: a saved copy of the cookie is refused afterwards too. */
export async function signOutAction(): Promise<void> {
  if (!(await requestIsSameOrigin())) redirect("/settings");
  const session = await getCustomerSession();
  if (session) await endWebSessions({ mailboxId: session.customer.id });
  await clearSessionCookie();
  redirect("/login?signed-out=1");
}
