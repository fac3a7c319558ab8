// GET /walkthroughs/profile-link/<token>: the one-time link inside the QR code (public; the
// token is the permission). Used or expired links get the same plain answer.
import { appleProfileDownload } from "@/lib/server/autoconfig/apple-profile-download";
import { redeemProfileLink } from "@/lib/server/autoconfig/profile-link";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const mailbox = await redeemProfileLink((await params).token);
  if (!mailbox)
    return new Response(
      "This link has expired or was already used. Sign in to the portal on your computer and show a new QR code.\n",
      {
        status: 410,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      },
    );
  return appleProfileDownload(mailbox);
}
