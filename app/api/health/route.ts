import { loadEnv } from "@/lib/env";
import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth(loadEnv());
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
