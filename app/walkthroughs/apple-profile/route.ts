// GET /walkthroughs/apple-profile: the signed-in customer's .mobileconfig.
import { appleProfileDownload } from "@/lib/server/autoconfig/apple-profile-download";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";

export async function GET() {
  return appleProfileDownload(await requireCustomer());
}
