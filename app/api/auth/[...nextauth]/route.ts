import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/web-auth/auth-options";
import { isSameOrigin } from "@/lib/server/web-auth/check-origin";
import { pinNextAuthUrl } from "@/lib/server/web-auth/session-policy";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  pinNextAuthUrl();
  // next-auth checks its double-submit CSRF token; the Origin check is the second lock.
  if (request.method === "POST" && !isSameOrigin(request.headers))
    return Response.json({ error: "Forbidden" }, { status: 403 });
  const response: Response = await NextAuth(request, context, authOptions());
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export { handler as GET, handler as POST };
