import { headers } from "next/headers";
import { ClientChooser } from "@/components/walkthrough/client-chooser";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";
import { CLIENTS } from "@/lib/server/walkthrough/clients";
import { suggestClient } from "@/lib/server/walkthrough/suggest-client";

// Per customer, never prerendered.
export const dynamic = "force-dynamic";

export const metadata = { title: "Set up your email program" };

export default async function WalkthroughsPage() {
  await requireCustomer();
  const suggested = suggestClient((await headers()).get("user-agent"));
  const clients = CLIENTS.map(({ id, name, summary }) => ({ id, name, summary }));
  return <ClientChooser clients={clients} suggested={suggested} />;
}
