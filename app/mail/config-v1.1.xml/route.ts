// Thunderbird autoconfig (also Thunderbird for Android / K-9): public, by domain only.
import { thunderbirdAutoconfigResponse } from "@/lib/server/autoconfig/thunderbird-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return thunderbirdAutoconfigResponse(new URL(request.url));
}
