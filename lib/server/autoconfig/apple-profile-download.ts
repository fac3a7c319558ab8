// The .mobileconfig file for one mailbox: built from its settings and chosen protocol,
// signed when the operator configured a signing certificate.
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import { loadEnv } from "@/lib/env";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { appleProfileXml } from "./apple-profile";
import { signProfile } from "./sign-profile";

export async function appleProfileDownload(mailbox: {
  id: number;
  address: string;
  preferredProtocol: MailProtocol;
}): Promise<Response> {
  const env = loadEnv();
  const settings = await getConnectionSettings({
    address: mailbox.address,
    protocol: mailbox.preferredProtocol,
  });
  const xml = appleProfileXml({ appUrl: env.APP_URL, mailboxId: mailbox.id, settings });
  const body =
    env.APPLE_PROFILE_SIGNING_CERT && env.APPLE_PROFILE_SIGNING_KEY
      ? await signProfile(xml, {
          certPath: env.APPLE_PROFILE_SIGNING_CERT,
          keyPath: env.APPLE_PROFILE_SIGNING_KEY,
        })
      : Buffer.from(xml, "utf8");
  const fileName = `${mailbox.address.replace(/[^a-zA-Z0-9.@_-]/g, "_")}.mobileconfig`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/x-apple-aspen-config",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
