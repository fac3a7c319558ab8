// Same answer as /mail/config-v1.1.xml, at the path Thunderbird tries on the domain itself.
export { GET } from "@/app/mail/config-v1.1.xml/route";
export const dynamic = "force-dynamic";
