"use client";
// Moves the staff session's idle timer on every admin page view (server components cannot
// set cookies, so the page asks the session route to refresh it).
import { usePathname } from "next/navigation";
import { useEffect } from "react";

export function SessionKeepAlive() {
  const pathname = usePathname();
  useEffect(() => {
    void fetch("/admin/session", { method: "POST", credentials: "same-origin" }).catch(() => {});
  }, [pathname]);
  return null;
}
