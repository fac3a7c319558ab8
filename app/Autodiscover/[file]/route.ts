// /Autodiscover/Autodiscover.xml, the capitalised spelling Outlook also uses (Next.js paths
// are case-sensitive). A dynamic segment, because a folder named "Autodiscover.xml" here would
// differ from app/autodiscover/autodiscover.xml only in letter case, which TypeScript (and
// case-insensitive file systems) refuse.
import {
  autodiscoverErrorXml,
  autodiscoverPostResponse,
} from "@/lib/server/autoconfig/autodiscover-response";

export const dynamic = "force-dynamic";

const isPoxPath = (file: string) => file.toLowerCase() === "autodiscover.xml";
const notFound = () => new Response("Not found\n", { status: 404 });

export async function POST(request: Request, { params }: { params: Promise<{ file: string }> }) {
  if (!isPoxPath((await params).file)) return notFound();
  return autodiscoverPostResponse(request);
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  if (!isPoxPath((await params).file)) return notFound();
  return new Response(autodiscoverErrorXml(600, "Invalid Request"), {
    headers: { "Content-Type": "text/xml; charset=utf-8" },
  });
}
