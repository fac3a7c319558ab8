import Link from "next/link";
import type { ResolvedWalkthrough } from "@/lib/server/walkthrough/build-walkthrough";

/** What this program can and cannot do with our servers, said before any step. */
export function LegacyNotes({ walkthrough }: { walkthrough: ResolvedWalkthrough }) {
  const warn = !walkthrough.canConnect;
  return (
    <section
      aria-label="Before you start"
      className={`mt-4 rounded border p-4 ${warn ? "border-amber-500 bg-amber-50" : "border-slate-200 bg-slate-50"}`}
    >
      <h2 className="font-semibold">
        {warn ? "This program will not connect" : "Before you start"}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {walkthrough.notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {walkthrough.alternative && (
        <p className="mt-2">
          A program that works:{" "}
          <Link
            className="text-blue-700 underline"
            href={`/walkthroughs/${walkthrough.alternative.id}`}
          >
            {walkthrough.alternative.name}
          </Link>
        </p>
      )}
    </section>
  );
}
