import { notFound } from "next/navigation";
import { PrintView } from "@/components/walkthrough/print-view";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";
import { findClient } from "@/lib/server/walkthrough/clients";
import {
  loadCustomerWalkthrough,
  parseProtocol,
} from "@/lib/server/walkthrough/load-customer-walkthrough";

// Per customer, never prerendered.
export const dynamic = "force-dynamic";

export const metadata = { title: "Printable walkthrough" };

export default async function PrintWalkthroughPage({
  params,
  searchParams,
}: {
  params: Promise<{ client: string }>;
  searchParams: Promise<{ protocol?: string }>;
}) {
  const customer = await requireCustomer();
  const { client } = await params;
  if (!findClient(client)) notFound();
  const walkthrough = await loadCustomerWalkthrough({
    customer,
    clientId: client,
    protocol: parseProtocol((await searchParams).protocol),
  });
  return <PrintView walkthrough={walkthrough} />;
}
