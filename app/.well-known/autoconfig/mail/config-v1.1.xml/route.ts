// Same answer as /mail/config-v1.1.xml, at the path Thunderbird tries on the domain itself.
export { GET, dynamic } from "@/app/mail/config-v1.1.xml/route";
