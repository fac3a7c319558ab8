import Link from "next/link";

const LINKS = [
  { href: "/settings", label: "My settings" },
  { href: "/walkthroughs", label: "Walkthroughs" },
  { href: "/password", label: "Change password" },
];

/** Top of every customer page: who is signed in, the main places, and sign out. */
export function PortalHeader({
  address,
  signOut,
  limited,
}: {
  address: string;
  signOut: () => Promise<void>;
  /** Temporary-password session: only "set a new password" is open. */
  limited: boolean;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <div className="min-w-0">
          <p className="font-bold text-blue-900">Octeportal</p>
          <p className="truncate text-sm text-slate-700">
            Signed in as <span data-testid="signed-in-as">{address}</span>
          </p>
        </div>
        <form action={signOut}>
          <button
            type="submit"
            className="min-h-11 rounded-lg border border-slate-400 bg-white px-4 font-semibold text-slate-900 hover:bg-slate-100"
          >
            Sign out
          </button>
        </form>
      </div>
      {limited ? null : (
        <nav aria-label="Main" className="mx-auto max-w-3xl px-2 pb-2">
          <ul className="flex flex-wrap gap-1">
            {LINKS.map((link) => (
              <li key={link.href}>
                <Link
                  href={link.href}
                  className="inline-flex min-h-11 items-center rounded-lg px-3 font-semibold text-blue-800 underline-offset-4 hover:bg-blue-50 hover:underline"
                >
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
