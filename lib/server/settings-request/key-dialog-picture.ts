// The one picture in the settings email: the dialog where the customer types the server names,
// drawn with their own values by the walkthrough renderer (lib/server/walkthrough), for the
// email program they most likely use.
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import { loadEnv } from "@/lib/env";
import type { ConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import {
  buildWalkthrough,
  type ResolvedStep,
  type ResolvedWalkthrough,
} from "@/lib/server/walkthrough/build-walkthrough";
import { findClient } from "@/lib/server/walkthrough/clients";
import type { ClientId } from "@/lib/server/walkthrough/content-model";
import { loadWalkthroughOverrides } from "@/lib/server/walkthrough/load-customer-walkthrough";
import { stepPicturePng } from "@/lib/server/walkthrough/render-step-picture";

/** Mail size guard: a picture larger than this is left out (the link still leads to all steps). */
export const MAX_PICTURE_BYTES = 200 * 1024;

export type KeyDialogPicture = {
  clientId: ClientId;
  clientName: string;
  stepId: string;
  stepNumber: number;
  png: Buffer;
  /** Width to show in the email: the PNG is rendered at twice the drawing's size. */
  displayWidth: number;
  alt: string;
};

/**
 * Without a browser to go by (a request from a script, or staff re-queuing), the choice of
 * protocol is the best hint: POP3 customers keep mail on one computer, most often in desktop
 * Outlook; IMAP customers use several devices, and Thunderbird looks the same on all of them.
 */
export function defaultClientFor(protocol: MailProtocol): ClientId {
  return protocol === "POP3" ? "outlook" : "thunderbird";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The step whose picture carries most of what the customer must type: the incoming server's
 * name weighs most, then their address, then the incoming port; the earliest step wins a tie.
 */
export function keyDialogStep(walkthrough: ResolvedWalkthrough): ResolvedStep {
  const { values } = walkthrough;
  const score = (step: ResolvedStep) => {
    const text = JSON.stringify(step.picture.widgets);
    const has = (value: string) => new RegExp(`\\b${escapeRegExp(value)}\\b`).test(text);
    return (
      3 * Number(has(values.incoming.hostname)) +
      2 * Number(has(values.address)) +
      Number(has(String(values.incoming.port)))
    );
  };
  return walkthrough.steps.reduce((best, step) => (score(step) > score(best) ? step : best));
}

export async function keyDialogPicture(options: {
  settings: ConnectionSettings;
  clientGuess: string | null;
}): Promise<KeyDialogPicture | null> {
  const client =
    (options.clientGuess && findClient(options.clientGuess)) ||
    findClient(defaultClientFor(options.settings.protocol))!;
  const walkthrough = buildWalkthrough({
    clientId: client.id,
    settings: options.settings,
    minTls: loadEnv().MAIL_MIN_TLS,
    overrides: await loadWalkthroughOverrides(),
  });
  const step = keyDialogStep(walkthrough);
  const png = await stepPicturePng(walkthrough, step);
  if (png.length > MAX_PICTURE_BYTES) return null;
  // PNG header: the width is the big-endian word at byte 16 (IHDR).
  const displayWidth = Math.round(png.readUInt32BE(16) / 2);
  return {
    clientId: client.id,
    clientName: client.name,
    stepId: step.id,
    stepNumber: step.number,
    png,
    displayWidth,
    alt: `${client.name}, step ${step.number}: ${step.title}. Incoming server ${walkthrough.values.incoming.hostname}, port ${walkthrough.values.incoming.port}; username ${walkthrough.values.username}.`,
  };
}
