import { signOutAction } from "@/app/(customer)/sign-out-action";
import { PortalHeader } from "@/components/portal-header";
import { requireCustomerSession } from "@/lib/server/web-auth/require-customer";

/**
 * The frame of every signed-in customer page (the (customer) group and the walkthroughs):
 * the header with the main navigation, then the page. Each page still checks the session
 * itself (layouts are not re-run on every navigation); this only draws the frame. The header
 * is left out of printouts (a printed walkthrough is the steps only).
 */
export async function CustomerFrame({
  wide = false,
  children,
}: {
  /** Walkthroughs put pictures beside their words and need the room. */
  wide?: boolean;
  children: React.ReactNode;
}) {
  const session = await requireCustomerSession();
  return (
    <>
      <div className="print:hidden">
        <PortalHeader
          address={session.customer.address}
          signOut={signOutAction}
          limited={session.usingTemporaryPassword}
        />
      </div>
      <main
        id="main"
        className={`mx-auto px-4 py-6 print:max-w-none print:p-0 ${wide ? "max-w-5xl" : "max-w-3xl"}`}
      >
        {children}
      </main>
    </>
  );
}
