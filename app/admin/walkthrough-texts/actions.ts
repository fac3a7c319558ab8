"use server";
// Admin-only: save or reset the words of one walkthrough step. The session, role and Origin
// are checked on the server; lib/server/walkthrough/step-text-overrides.ts holds the rules.
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-state";
import { WRONG_ORIGIN_MESSAGE } from "@/components/form-state";
import { resetStepText, saveStepText } from "@/lib/server/walkthrough/step-text-overrides";
import { requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { runAction } from "../_actions/run-action";

const stepKey = z.object({
  clientId: z.string(),
  stepId: z.string(),
  protocol: z.enum(["IMAP", "POP3"]),
});

export async function saveStepTextAction(_p: ActionState, form: FormData): Promise<ActionState> {
  if (!(await requestIsSameOrigin())) return { error: WRONG_ORIGIN_MESSAGE };
  const schema = stepKey.extend({ title: z.string(), text: z.string() });
  return runAction("admin", schema, form, async (staff, v) => {
    await saveStepText(staff, v);
    return { ok: "Saved. Customers see the new words from their next page view." };
  });
}

/** On success, reloads the page saying which step was reset (its reset form disappears). */
export async function resetStepTextAction(_p: ActionState, form: FormData): Promise<ActionState> {
  if (!(await requestIsSameOrigin())) return { error: WRONG_ORIGIN_MESSAGE };
  let back = "";
  const state = await runAction("admin", stepKey, form, async (staff, v) => {
    await resetStepText(staff, v);
    back = `/admin/walkthrough-texts?${new URLSearchParams({ client: v.clientId, protocol: v.protocol, reset: v.stepId })}`;
    return { ok: "Back to the default words." };
  });
  if (state.ok) redirect(back);
  return state;
}
