import type { Endpoint, ServiceSettings } from "@/lib/server/settings/get-connection-settings";
import { SECURITY_EXPLANATION, SECURITY_NAME } from "./connection-words";
import { SettingRow } from "./setting-row";

/** Server, port, encryption and authentication of one service: recommended first, then the alternative. */
export function ServerSettings({
  id,
  title,
  service,
  authenticationNote,
}: {
  /** Used for test ids and copy labels: "incoming" or "outgoing". */
  id: "incoming" | "outgoing";
  title: string;
  service: ServiceSettings;
  authenticationNote: string;
}) {
  const [recommended, ...alternatives] = service.options;
  return (
    <>
      <dl className="mt-2">
        <EndpointRows id={id} title={title} endpoint={recommended} recommended />
        <SettingRow
          name="Authentication"
          value="Normal password"
          copyLabel={`${title} authentication`}
          testId={`${id}-authentication`}
          explanation={authenticationNote}
        />
      </dl>
      {alternatives.map((alternative) => (
        <details key={alternative.security} className="mt-3 rounded-lg bg-slate-50 p-3">
          <summary className="min-h-11 cursor-pointer py-2 font-semibold text-blue-800">
            Only if your program cannot use {SECURITY_NAME[recommended.security]}: port{" "}
            {alternative.port} with {SECURITY_NAME[alternative.security]}
          </summary>
          <dl>
            <EndpointRows id={id} title={title} endpoint={alternative} recommended={false} />
          </dl>
        </details>
      ))}
    </>
  );
}

function EndpointRows({
  id,
  title,
  endpoint,
  recommended,
}: {
  id: string;
  title: string;
  endpoint: Endpoint;
  recommended: boolean;
}) {
  const suffix = recommended ? "" : `-${endpoint.security === "STARTTLS" ? "starttls" : "tls"}`;
  const what = recommended ? title : `${title} (${SECURITY_NAME[endpoint.security]})`;
  return (
    <>
      <SettingRow
        name="Server name"
        value={endpoint.hostname}
        copyLabel={`${what} name`}
        testId={`${id}-host${suffix}`}
        explanation={recommended ? "Also called “host name” or “server”." : undefined}
      />
      <SettingRow
        name="Port"
        value={String(endpoint.port)}
        copyLabel={`${what} port`}
        testId={`${id}-port${suffix}`}
        explanation="The number of the door on the server your program knocks on."
      />
      <SettingRow
        name={recommended ? "Encryption (recommended)" : "Encryption"}
        value={SECURITY_NAME[endpoint.security]}
        copyLabel={`${what} encryption`}
        testId={`${id}-security${suffix}`}
        explanation={SECURITY_EXPLANATION[endpoint.security]}
      />
    </>
  );
}
