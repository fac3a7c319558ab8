// All steps of one walkthrough on one printed page: small pictures, short words.
import type { ResolvedWalkthrough } from "@/lib/server/walkthrough/build-walkthrough";
import { stepPictureTree } from "@/lib/server/walkthrough/render-step-picture";
import { StepPicture } from "./step-picture";

export function PrintView({ walkthrough }: { walkthrough: ResolvedWalkthrough }) {
  const v = walkthrough.values;
  return (
    <div className="text-sm">
      <style>
        {"@page { size: A4; margin: 10mm } @media print { .no-print { display: none } }"}
      </style>
      <h1 className="text-lg font-semibold">
        {walkthrough.name}: {v.address}
      </h1>
      <p>
        Incoming ({v.protocol}): {v.incoming.hostname} port {v.incoming.port} · Outgoing (SMTP):{" "}
        {v.outgoing.hostname} port {v.outgoing.port} · User name: {v.username}
      </p>
      {!walkthrough.canConnect && <p className="font-semibold">{walkthrough.notes[0]}</p>}
      <ol className="mt-2 grid grid-cols-2 gap-3">
        {walkthrough.steps.map((step) => (
          <li key={step.id} className="break-inside-avoid">
            <StepPicture tree={stepPictureTree(walkthrough, step)} />
            <p className="mt-1">
              <strong>
                {step.number}. {step.title}.
              </strong>{" "}
              {step.text}
            </p>
          </li>
        ))}
      </ol>
      <p className="no-print mt-4">
        Use your browser&apos;s Print command (Ctrl+P) to print this page.
      </p>
    </div>
  );
}
