// The path form Outlook uses: /autodiscover/autodiscover.json/v1.0/<email>?Protocol=AutodiscoverV1
export { GET, dynamic } from "@/app/autodiscover/autodiscover.json/route";
