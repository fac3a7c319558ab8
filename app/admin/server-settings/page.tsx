import { EndpointForm } from "@/components/admin/endpoint-form";
import { requireStaffPage } from "@/lib/server/admin/require-staff";
import { listServerEndpoints } from "@/lib/server/admin/server-endpoints";
import { endpointAction } from "../_actions/manage";

export const metadata = { title: "Server settings" };
export const dynamic = "force-dynamic";

const SECURITY = { IMPLICIT_TLS: "SSL/TLS", STARTTLS: "STARTTLS" };

export default async function ServerSettingsPage() {
  const staff = await requireStaffPage("admin");
  const endpoints = await listServerEndpoints(staff);
  return (
    <main className="space-y-4">
      <h1 className="text-2xl font-semibold">Server settings shown to customers</h1>
      <p className="text-slate-600">
        These host names and ports appear on customers&apos; settings pages, walkthrough pictures
        and auto-configuration answers as soon as you save. They do not move the listeners
        themselves.
      </p>
      {endpoints.map((e) => (
        <EndpointForm
          key={e.id}
          action={endpointAction}
          endpoint={{ id: e.id, hostname: e.hostname, port: e.port, recommended: e.recommended }}
          title={`${e.service} ${SECURITY[e.security]}`}
        />
      ))}
    </main>
  );
}
