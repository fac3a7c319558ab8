// POST: refresh the staff session's idle timer. 401 when there is no usable session.
import { requireStaffAction } from "@/lib/server/admin/require-staff";
import { isAppError } from "@/lib/server/errors/app-error";

export const dynamic = "force-dynamic";

export async function POST() {
  try {
    await requireStaffAction("support");
    return new Response(null, { status: 204 });
  } catch (error) {
    if (isAppError(error)) return new Response(null, { status: 401 });
    throw error;
  }
}
