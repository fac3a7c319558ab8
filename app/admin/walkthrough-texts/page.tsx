import Link from "next/link";
import { StepTextForm } from "@/components/admin/step-text-form";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { CLIENTS } from "@/lib/server/walkthrough/clients";
import { listEditableSteps } from "@/lib/server/walkthrough/step-text-overrides";
import { TOKEN_NAMES } from "@/lib/server/walkthrough/values";
import { resetStepTextAction, saveStepTextAction } from "./actions";

export const metadata = { title: "Walkthrough texts" };
export const dynamic = "force-dynamic";

export default async function WalkthroughTextsPage({
  searchParams,
}: {
  searchParams: Promise<{ client?: string; protocol?: string; reset?: string }>;
}) {
  const staff = await requireStaffPage("admin");
  const query = await searchParams;
  const client = CLIENTS.find((c) => c.id === query.client) ?? CLIENTS[0];
  const protocol = query.protocol === "POP3" ? "POP3" : "IMAP";
  const { clientName, steps } = await listEditableSteps(staff, { clientId: client.id, protocol });
  const link = (clientId: string, p: string) =>
    `/admin/walkthrough-texts?client=${clientId}&protocol=${p}`;
  const tab = (active: boolean) =>
    `rounded px-2 py-1 ${active ? "bg-slate-900 text-white" : "text-blue-800 underline hover:bg-slate-100"}`;
  return (
    <main className="space-y-4">
      <h1 className="text-2xl font-semibold">Walkthrough texts</h1>
      <p className="text-slate-600">
        The words customers read beside each picture. Pictures stay as they are. These placeholders
        are filled in with each customer&apos;s own values:{" "}
        {TOKEN_NAMES.map((t) => (
          <code key={t} className="mr-1 rounded bg-slate-100 px-1">
            {`{${t}}`}
          </code>
        ))}
      </p>
      <nav aria-label="Email programs" className="flex flex-wrap gap-1">
        {CLIENTS.map((c) => (
          <Link
            key={c.id}
            href={link(c.id, protocol)}
            className={tab(c.id === client.id)}
            aria-current={c.id === client.id ? "page" : undefined}
          >
            {c.name}
          </Link>
        ))}
      </nav>
      <nav aria-label="Protocol" className="flex gap-1">
        {(["IMAP", "POP3"] as const).map((p) => (
          <Link
            key={p}
            href={link(client.id, p)}
            className={tab(p === protocol)}
            aria-current={p === protocol ? "page" : undefined}
          >
            Steps for {p}
          </Link>
        ))}
      </nav>
      <h2 className="text-xl font-semibold">
        {clientName}, {protocol}
      </h2>
      {steps.map((step) => (
        <StepTextForm
          key={`${client.id}-${protocol}-${step.stepId}`}
          justReset={query.reset === step.stepId && !step.override}
          clientId={client.id}
          protocol={protocol}
          step={{
            ...step,
            override: step.override && {
              ...step.override,
              updatedAt: step.override.updatedAt.toISOString(),
            },
          }}
          save={saveStepTextAction}
          reset={resetStepTextAction}
        />
      ))}
    </main>
  );
}
