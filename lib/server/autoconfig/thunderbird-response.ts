// GET /mail/config-v1.1.xml and /.well-known/autoconfig/mail/config-v1.1.xml
import { loadEnv } from "@/lib/env";
import { anonymousSettings, publicSettingsForAddress } from "./public-settings";
import { thunderbirdConfigXml } from "./thunderbird-config";

const XML_HEADERS = {
  "Content-Type": "application/xml; charset=utf-8",
  "Cache-Control": "no-store",
};

export async function thunderbirdAutoconfigResponse(url: URL): Promise<Response> {
  const env = loadEnv();
  const documentationUrl = `${env.APP_URL}/walkthroughs/thunderbird`;
  const raw = url.searchParams.get("emailaddress");
  if (raw === null || raw.trim() === "") {
    const xml = thunderbirdConfigXml({
      settings: await anonymousSettings(),
      address: null,
      domain: null,
      providerName: "Octeportal",
      documentationUrl,
    });
    return new Response(xml, { headers: XML_HEADERS });
  }
  const found = await publicSettingsForAddress(raw);
  if (found.kind === "invalid")
    return new Response("emailaddress is not an email address\n", { status: 400 });
  // A domain we do not host: no configuration here (what DNS already tells anyone).
  if (found.kind === "not-hosted") return new Response("Not found\n", { status: 404 });
  const xml = thunderbirdConfigXml({
    settings: found.settings,
    address: found.address,
    domain: found.domain,
    providerName: found.domain,
    documentationUrl,
  });
  return new Response(xml, { headers: XML_HEADERS });
}
