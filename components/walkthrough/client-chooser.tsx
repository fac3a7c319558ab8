// The walkthrough index: the program we guess from the browser first, then all others.
import Link from "next/link";
import type { ClientWalkthrough } from "@/lib/server/walkthrough/content-model";

export function ClientChooser({
  clients,
  suggested,
}: {
  clients: Pick<ClientWalkthrough, "id" | "name" | "summary">[];
  suggested: string;
}) {
  const first = clients.find((c) => c.id === suggested);
  const rest = clients.filter((c) => c.id !== suggested);
  return (
    <div>
      <h1 className="text-2xl font-semibold">Set up your email program</h1>
      <p className="mt-2 text-slate-700">
        Pictures of each screen, with your own address and settings already filled in.
      </p>
      {first && (
        <section
          className="mt-6 rounded border-2 border-blue-600 p-4"
          aria-label="Suggested for this device"
        >
          <p className="text-sm text-slate-600">This device looks like it uses:</p>
          <Link
            href={`/walkthroughs/${first.id}`}
            className="mt-1 block text-xl font-semibold text-blue-800 underline"
          >
            {first.name}
          </Link>
          <p className="text-slate-700">{first.summary}</p>
        </section>
      )}
      <h2 className="mt-8 text-lg font-semibold">Or choose another program</h2>
      <ul className="mt-2 divide-y rounded border">
        {rest.map((c) => (
          <li key={c.id} className="p-3">
            <Link href={`/walkthroughs/${c.id}`} className="font-medium text-blue-800 underline">
              {c.name}
            </Link>
            <p className="text-sm text-slate-600">{c.summary}</p>
          </li>
        ))}
      </ul>
      <p className="mt-6">
        <a className="text-blue-700 underline" href="/walkthroughs/phone">
          Setting up an iPhone or iPad? Scan a QR code instead
        </a>
      </p>
    </div>
  );
}
