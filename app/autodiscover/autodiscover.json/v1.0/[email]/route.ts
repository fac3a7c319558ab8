// The path form Outlook uses: /autodiscover/autodiscover.json/v1.0/<email>?Protocol=AutodiscoverV1
export { GET } from "@/app/autodiscover/autodiscover.json/route";
export const dynamic = "force-dynamic";
