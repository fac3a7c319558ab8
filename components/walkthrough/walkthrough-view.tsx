// One client's walkthrough: notes first, then each step as a picture with plain words beside it.
import Link from "next/link";
import type { ResolvedWalkthrough } from "@/lib/server/walkthrough/build-walkthrough";
import { stepPictureTree } from "@/lib/server/walkthrough/render-step-picture";
import { LegacyNotes } from "./legacy-notes";
import { StepPicture } from "./step-picture";

const APPLE_CLIENTS = new Set(["iphone", "apple-mail"]);

export function WalkthroughView({
  walkthrough,
  preferredProtocol,
}: {
  walkthrough: ResolvedWalkthrough;
  preferredProtocol: "POP3" | "IMAP";
}) {
  const protocol = walkthrough.values.protocol;
  const other = protocol === "IMAP" ? "POP3" : "IMAP";
  const base = `/walkthroughs/${walkthrough.id}`;
  const query = protocol === preferredProtocol ? "" : `?protocol=${protocol}`;
  return (
    <div>
      <p>
        <Link className="text-blue-700 underline" href="/walkthroughs">
          ← All email programs
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Set up {walkthrough.name}</h1>
      <p className="mt-1 text-slate-700">
        For <strong>{walkthrough.values.address}</strong>, collecting mail with{" "}
        <strong data-testid="walkthrough-protocol">{protocol}</strong>
        {protocol !== preferredProtocol &&
          " (preview: your chosen method is " + preferredProtocol + ")"}
        .{" "}
        <a
          className="text-blue-700 underline"
          href={other === preferredProtocol ? base : `${base}?protocol=${other}`}
        >
          Show the steps for {other} instead
        </a>
      </p>
      <LegacyNotes walkthrough={walkthrough} />
      {APPLE_CLIENTS.has(walkthrough.id) && (
        <section className="mt-4 rounded border border-blue-200 bg-blue-50 p-4">
          <h2 className="font-semibold">The quick way</h2>
          <p className="mt-1">
            Install a settings profile and type your password when asked: no steps needed.
          </p>
          <p className="mt-2 flex flex-wrap gap-3">
            <a
              className="rounded bg-blue-700 px-4 py-2 font-semibold text-white"
              href="/walkthroughs/apple-profile"
            >
              Download the settings profile
            </a>
            <a
              className="rounded border border-blue-700 px-4 py-2 font-semibold text-blue-800"
              href="/walkthroughs/phone"
            >
              Show a QR code for my iPhone or iPad
            </a>
          </p>
        </section>
      )}
      <p className="mt-4">
        <a className="text-blue-700 underline" href={`${base}/print${query}`}>
          Printable version (one page)
        </a>
      </p>
      <ol className="mt-6 space-y-10">
        {walkthrough.steps.map((step) => (
          <li
            key={step.id}
            className="grid gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
            data-step={step.id}
          >
            <StepPicture tree={stepPictureTree(walkthrough, step)} />
            <div>
              <h2 className="text-xl font-semibold">
                Step {step.number}: {step.title}
              </h2>
              <p className="mt-2 text-lg leading-relaxed">{step.text}</p>
              <p className="mt-2 text-sm">
                <a
                  className="text-blue-700 underline"
                  href={`${base}/pictures/${step.number}.png${query}`}
                >
                  Picture as PNG
                </a>
              </p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
