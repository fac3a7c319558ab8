import { notFound } from "next/navigation";
import { WalkthroughView } from "@/components/walkthrough/walkthrough-view";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";
import { findClient } from "@/lib/server/walkthrough/clients";
import {
  loadCustomerWalkthrough,
  parseProtocol,
} from "@/lib/server/walkthrough/load-customer-walkthrough";

// Per customer, never prerendered.
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ client: string }>;
  searchParams: Promise<{ protocol?: string }>;
};

export async function generateMetadata({ params }: Props) {
  const client = findClient((await params).client);
  return { title: client ? `Set up ${client.name}` : "Walkthrough" };
}

export default async function ClientWalkthroughPage({ params, searchParams }: Props) {
  const customer = await requireCustomer();
  const { client } = await params;
  if (!findClient(client)) notFound();
  const walkthrough = await loadCustomerWalkthrough({
    customer,
    clientId: client,
    protocol: parseProtocol((await searchParams).protocol),
  });
  return (
    <WalkthroughView walkthrough={walkthrough} preferredProtocol={customer.preferredProtocol} />
  );
}
