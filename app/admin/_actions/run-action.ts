// The common shape of an admin server action: check the staff session and role on the
// server, parse the form with zod, call one lib/ function, and turn errors into form state.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { ActionState } from "@/components/admin/action-state";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { requireStaffAction } from "@/lib/server/admin/require-staff";
import type { StaffContext } from "@/lib/server/admin/staff-context";
import { isAppError } from "@/lib/server/errors/app-error";

export async function runAction<S extends z.ZodType>(
  role: StaffRole,
  schema: S,
  formData: FormData,
  work: (staff: StaffContext, input: z.infer<S>) => Promise<ActionState>,
): Promise<ActionState> {
  let staff: StaffContext;
  try {
    staff = await requireStaffAction(role);
  } catch (error) {
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { error: "Please correct the highlighted fields.", fieldErrors };
  }
  try {
    const state = await work(staff, parsed.data);
    revalidatePath("/admin", "layout");
    return state;
  } catch (error) {
    if (isAppError(error)) {
      return error.field
        ? { error: error.message, fieldErrors: { [error.field]: [error.message] } }
        : { error: error.message };
    }
    console.error("[admin] action failed:", error);
    return { error: "Something went wrong on the server. Nothing was changed; try again." };
  }
}
