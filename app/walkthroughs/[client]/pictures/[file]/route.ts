// GET /walkthroughs/<client>/pictures/<step>.png (or .svg) for the signed-in customer.
import { requireCustomer } from "@/lib/server/web-auth/require-customer";
import { findClient } from "@/lib/server/walkthrough/clients";
import {
  loadCustomerWalkthrough,
  parseProtocol,
} from "@/lib/server/walkthrough/load-customer-walkthrough";
import { stepPicturePng, stepPictureSvg } from "@/lib/server/walkthrough/render-step-picture";

const notFound = () => new Response("Not found\n", { status: 404 });

export async function GET(
  request: Request,
  { params }: { params: Promise<{ client: string; file: string }> },
) {
  const customer = await requireCustomer();
  const { client, file } = await params;
  const match = /^(\d{1,2})\.(png|svg)$/.exec(file);
  if (!match || !findClient(client)) return notFound();
  const walkthrough = await loadCustomerWalkthrough({
    customer,
    clientId: client,
    protocol: parseProtocol(new URL(request.url).searchParams.get("protocol")),
  });
  const step = walkthrough.steps.find((s) => s.number === Number(match[1]));
  if (!step) return notFound();
  const headers = { "Cache-Control": "private, no-store" };
  if (match[2] === "svg")
    return new Response(stepPictureSvg(walkthrough, step), {
      headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" },
    });
  const png = await stepPicturePng(walkthrough, step);
  return new Response(new Uint8Array(png), {
    headers: { ...headers, "Content-Type": "image/png" },
  });
}
