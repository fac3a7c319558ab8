// Outlook Autodiscover (POX): public, by domain only, request parsed with size and entity limits.
import {
  autodiscoverErrorXml,
  autodiscoverPostResponse,
} from "@/lib/server/autoconfig/autodiscover-response";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return autodiscoverPostResponse(request);
}

/** Outlook only POSTs; anything else gets the schema's "Invalid Request". */
export async function GET() {
  return new Response(autodiscoverErrorXml(600, "Invalid Request"), {
    headers: { "Content-Type": "text/xml; charset=utf-8" },
  });
}
