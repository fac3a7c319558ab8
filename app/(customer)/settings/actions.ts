"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FormState } from "@/components/form-state";
import { WRONG_ORIGIN_MESSAGE } from "@/components/form-state";
import { setPreferredProtocol } from "@/lib/server/mailbox/set-preferred-protocol";
import { requestClientIp, requestIsSameOrigin } from "@/lib/server/web-auth/request-guards";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";

const choiceSchema = z.object({
  protocol: z.enum(["IMAP", "POP3"], { message: "Choose POP3 or IMAP." }),
});

export async function chooseProtocolAction(
  _previous: FormState<"protocol">,
  formData: FormData,
): Promise<FormState<"protocol">> {
  if (!(await requestIsSameOrigin())) return { status: "error", message: WRONG_ORIGIN_MESSAGE };
  const customer = await requireCustomer();
  const parsed = choiceSchema.safeParse({ protocol: formData.get("protocol") });
  if (!parsed.success)
    return { status: "error", fieldErrors: { protocol: parsed.error.issues[0].message } };
  await setPreferredProtocol({
    mailboxId: customer.id,
    protocol: parsed.data.protocol,
    actor: {
      type: "customer",
      id: customer.id,
      label: customer.address,
      ip: await requestClientIp(),
    },
  });
  revalidatePath("/settings");
  return {
    status: "saved",
    message: `Saved: ${parsed.data.protocol}. The incoming server below is now the ${parsed.data.protocol} one.`,
  };
}
