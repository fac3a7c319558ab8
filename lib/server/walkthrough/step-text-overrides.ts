// Staff-edited step words (issue 4 point 7; content-model.ts explains the shape). Admin-only:
// the words every customer reads come from here, so a change is checked, audited and can be
// undone with a reset to the default written in code.
import { z } from "zod";
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { assertRole, staffActor, type StaffContext } from "@/lib/server/admin/staff-context";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { findClient } from "./clients";
import type { ClientWalkthrough, StepContent, StepTextOverride } from "./content-model";
import { resolveText, TOKEN_NAMES } from "./values";

/** Every override, for building customers' walkthroughs. */
export async function loadWalkthroughOverrides(): Promise<StepTextOverride[]> {
  return db().walkthroughTextOverride.findMany({
    select: { clientId: true, stepId: true, protocol: true, title: true, text: true },
  });
}

export type EditableStep = {
  stepId: string;
  number: number;
  defaultTitle: string;
  defaultText: string;
  /** The staff-edited words, when there are any. */
  override: { title: string; text: string; updatedAt: Date } | null;
};

const stepsFor = (client: ClientWalkthrough, protocol: MailProtocol) =>
  client.steps.filter((s) => !s.when || s.when === protocol);

/** Default words with the protocol's variant chosen and the {tokens} left as they are. */
const defaults = (step: StepContent, protocol: MailProtocol) => ({
  defaultTitle: resolveText(step.title, protocol, {}),
  defaultText: resolveText(step.text, protocol, {}),
});

function requireStep(clientId: string, stepId: string, protocol: MailProtocol) {
  const client = findClient(clientId);
  if (!client) throw new AppError("NOT_FOUND", "We have no walkthrough for that program.");
  const step = stepsFor(client, protocol).find((s) => s.id === stepId);
  if (!step) throw new AppError("NOT_FOUND", `That walkthrough has no such ${protocol} step.`);
  return { client, step };
}

export async function listEditableSteps(
  staff: StaffContext,
  options: { clientId: string; protocol: MailProtocol },
): Promise<{ clientName: string; steps: EditableStep[] }> {
  assertRole(staff, "admin");
  const client = findClient(options.clientId);
  if (!client) throw new AppError("NOT_FOUND", "We have no walkthrough for that program.");
  const rows = await db().walkthroughTextOverride.findMany({
    where: { clientId: client.id, protocol: options.protocol },
  });
  return {
    clientName: client.name,
    steps: stepsFor(client, options.protocol).map((step, index) => {
      const row = rows.find((r) => r.stepId === step.id);
      return {
        stepId: step.id,
        number: index + 1,
        ...defaults(step, options.protocol),
        override: row ? { title: row.title, text: row.text, updatedAt: row.updatedAt } : null,
      };
    }),
  };
}

const KNOWN_TOKENS = new Set<string>(TOKEN_NAMES);

const isControlCharacter = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

/** Words only: no control characters but line breaks, and only the tokens we can fill in. */
const words = (max: number, what: string) =>
  z
    .string()
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, `Enter the ${what}.`)
        .max(max, `Keep the ${what} under ${max} characters.`)
        .refine(
          (v) => [...v].every((c) => c === "\n" || !isControlCharacter(c)),
          "Remove control characters.",
        )
        .refine(
          (v) => [...v.matchAll(/\{([a-zA-Z]+)\}/g)].every((m) => KNOWN_TOKENS.has(m[1])),
          `Only these {placeholders} can be filled in: ${TOKEN_NAMES.map((t) => `{${t}}`).join(" ")}.`,
        ),
    );

export const stepTextInputSchema = z.object({
  clientId: z.string().min(1),
  stepId: z.string().min(1),
  protocol: z.enum(["IMAP", "POP3"]),
  title: words(120, "title"),
  text: words(2000, "text"),
});
export type StepTextInput = z.input<typeof stepTextInputSchema>;

export async function saveStepText(staff: StaffContext, input: StepTextInput) {
  assertRole(staff, "admin");
  const parsed = stepTextInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue.message, String(issue.path[0]));
  }
  const { clientId, stepId, protocol, title, text } = parsed.data;
  const { step } = requireStep(clientId, stepId, protocol);
  return db().$transaction(async (tx) => {
    const key = { clientId, stepId, protocol };
    const before = await tx.walkthroughTextOverride.findUnique({
      where: { clientId_stepId_protocol: key },
    });
    const row = await tx.walkthroughTextOverride.upsert({
      where: { clientId_stepId_protocol: key },
      create: { ...key, title, text },
      update: { title, text },
    });
    const from = before ? { title: before.title, text: before.text } : defaults(step, protocol);
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "walkthrough_text.update",
        target: { type: "walkthrough_text", id: row.id },
        details: { ...key, from, to: { title, text } },
      },
      tx,
    );
    return row;
  });
}

export async function resetStepText(
  staff: StaffContext,
  input: { clientId: string; stepId: string; protocol: MailProtocol },
) {
  assertRole(staff, "admin");
  const { clientId, stepId, protocol } = input;
  const { step } = requireStep(clientId, stepId, protocol);
  return db().$transaction(async (tx) => {
    const key = { clientId, stepId, protocol };
    const row = await tx.walkthroughTextOverride.findUnique({
      where: { clientId_stepId_protocol: key },
    });
    if (!row) throw new AppError("NOT_FOUND", "That step already shows its default words.");
    await tx.walkthroughTextOverride.delete({ where: { id: row.id } });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "walkthrough_text.reset",
        target: { type: "walkthrough_text", id: row.id },
        details: {
          ...key,
          from: { title: row.title, text: row.text },
          to: defaults(step, protocol),
        },
      },
      tx,
    );
    return row;
  });
}
