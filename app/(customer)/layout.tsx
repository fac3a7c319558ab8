import { PortalHeader } from "@/components/portal-header";
import { requireCustomerSession } from "@/lib/server/web-auth/require-customer";
import { signOutAction } from "./sign-out-action";

// Signed-in pages. Each page still checks the session itself (layouts are not re-run on
// every navigation); this one only draws the frame.
export default async function CustomerLayout({ children }: { children: React.ReactNode }) {
  const session = await requireCustomerSession();
  return (
    <>
      <PortalHeader
        address={session.customer.address}
        signOut={signOutAction}
        limited={session.usingTemporaryPassword}
      />
      <main id="main" className="mx-auto max-w-3xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
