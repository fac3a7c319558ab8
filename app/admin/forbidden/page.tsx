import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main>
      <h1 className="text-2xl font-semibold">403 — not allowed</h1>
      <p className="mt-2">
        This page is for administrators only. Ask an administrator if you need it done.
      </p>
      <p className="mt-4">
        <Link className="text-blue-700 underline" href="/admin">
          Back to customer search
        </Link>
      </p>
    </main>
  );
}
