import Link from "next/link";
import type { Metadata } from "next";
import { SessionKeepAlive } from "@/components/admin/session-keepalive";
import { currentStaffSession } from "@/lib/server/admin/require-staff";
import { isComplete } from "@/lib/server/admin/resolve-staff-session";
import { signOutStaff } from "./_actions/auth";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Octeportal admin" },
  robots: { index: false, follow: false },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await currentStaffSession();
  const complete = isComplete(session);
  const isAdmin = session?.staff.role === "admin";
  const link =
    "rounded px-2 py-1 hover:bg-slate-700 focus:ring-2 focus:ring-white focus:outline-none";
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
          <span className="font-semibold">Octeportal admin</span>
          {complete && (
            <nav aria-label="Admin" className="flex flex-wrap gap-1">
              <Link className={link} href="/admin">
                Find a customer
              </Link>
              <Link className={link} href="/admin/settings-requests">
                Email queue
              </Link>
              <Link className={link} href="/admin/audit">
                Audit log
              </Link>
              {isAdmin && (
                <>
                  <Link className={link} href="/admin/mailboxes/new">
                    New mailbox
                  </Link>
                  <Link className={link} href="/admin/domains">
                    Domains
                  </Link>
                  <Link className={link} href="/admin/server-settings">
                    Server settings
                  </Link>
                  <Link className={link} href="/admin/staff">
                    Staff
                  </Link>
                  <Link className={link} href="/admin/walkthrough-texts">
                    Walkthrough texts
                  </Link>
                </>
              )}
            </nav>
          )}
          {session && (
            <form action={signOutStaff} className="ml-auto flex items-center gap-2">
              <span className="text-sm text-slate-300">
                {session.staff.email} ({session.staff.role})
              </span>
              <button type="submit" className={link}>
                Sign out
              </button>
            </form>
          )}
        </div>
      </header>
      {session && <SessionKeepAlive />}
      <div className="mx-auto max-w-6xl px-4 py-6">{children}</div>
    </div>
  );
}
