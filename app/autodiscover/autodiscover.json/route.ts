// GET /autodiscover/autodiscover.json?Email=…&Protocol=AutodiscoverV1 → where the POX endpoint is.
// The answer is the same for every address (nothing about the address is looked up).
import { loadEnv } from "@/lib/env";
import { autodiscoverJsonResponse } from "@/lib/server/autoconfig/autodiscover-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const url = new URL(request.url);
  return autodiscoverJsonResponse(loadEnv().APP_URL, url.searchParams.get("Protocol"));
}
