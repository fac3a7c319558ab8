import Link from "next/link";
import { connection } from "next/server";

export const metadata = { title: "Page not found" };

// Rendered per request, so it carries the CSP nonce like every other page.
export default async function NotFound() {
  await connection();
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-2xl font-bold">This page does not exist</h1>
      <p className="mt-2 text-slate-700">
        The address may be mistyped, or the page has moved.{" "}
        <Link href="/settings" className="font-semibold text-blue-800 underline">
          Go to my settings
        </Link>
        .
      </p>
    </main>
  );
}
