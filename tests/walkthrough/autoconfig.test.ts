import { beforeAll, describe, expect, it } from "vitest";
import {
  autodiscoverJsonResponse,
  autodiscoverPostResponse,
} from "@/lib/server/autoconfig/autodiscover-response";
import { AUTODISCOVER_MAX_BODY } from "@/lib/server/autoconfig/autodiscover-request";
import { thunderbirdAutoconfigResponse } from "@/lib/server/autoconfig/thunderbird-response";
import { child, children, parseXml, text, type XmlNode } from "./support/parse";
import { HOST, PORTS, seedWalkthroughWorld } from "./support/seed";

const tb = (query: string) =>
  thunderbirdAutoconfigResponse(new URL(`http://portal.test/mail/config-v1.1.xml${query}`));

const poxRequest = (
  email: string,
  schema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a",
) =>
  `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>${email}</EMailAddress>
    <AcceptableResponseSchema>${schema}</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;

const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  autodiscoverPostResponse(
    new Request("http://portal.test/autodiscover/autodiscover.xml", {
      method: "POST",
      body,
      headers: { "Content-Type": "text/xml", ...headers },
      // @ts-expect-error Node's fetch needs this for stream bodies
      duplex: "half",
    }),
  );

function errorCode(doc: XmlNode): string | undefined {
  const error = child(child(doc, "Response")!, "Error");
  return error && text(error, "ErrorCode");
}

beforeAll(async () => {
  await seedWalkthroughWorld();
});

describe("Thunderbird autoconfig", () => {
  it("answers in the config-v1.1 shape: IMAP then POP3, each SSL then STARTTLS, then SMTP", async () => {
    const res = await tb("?emailaddress=Someone@Walk.Test");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/xml/);
    const doc = parseXml(await res.text());
    expect(doc.tag).toBe("clientConfig");
    expect(doc.attrs.version).toBe("1.1");
    const provider = child(doc, "emailProvider")!;
    expect(provider.attrs.id).toBe("walk.test");
    expect(text(provider, "domain")).toBe("walk.test");
    expect(text(provider, "displayName")).toBeTruthy();
    const incoming = children(provider, "incomingServer").map((s) => ({
      type: s.attrs.type,
      hostname: text(s, "hostname"),
      port: Number(text(s, "port")),
      socketType: text(s, "socketType"),
      authentication: text(s, "authentication"),
      username: text(s, "username"),
    }));
    expect(incoming).toEqual([
      {
        type: "imap",
        hostname: HOST,
        port: PORTS.imaps,
        socketType: "SSL",
        authentication: "password-cleartext",
        username: "someone@walk.test",
      },
      {
        type: "imap",
        hostname: HOST,
        port: PORTS.imap,
        socketType: "STARTTLS",
        authentication: "password-cleartext",
        username: "someone@walk.test",
      },
      {
        type: "pop3",
        hostname: HOST,
        port: PORTS.pop3s,
        socketType: "SSL",
        authentication: "password-cleartext",
        username: "someone@walk.test",
      },
      {
        type: "pop3",
        hostname: HOST,
        port: PORTS.pop3,
        socketType: "STARTTLS",
        authentication: "password-cleartext",
        username: "someone@walk.test",
      },
    ]);
    const pop3 = children(provider, "incomingServer")[2];
    expect(text(child(pop3, "pop3")!, "leaveMessagesOnServer")).toBe("true");
    const outgoing = children(provider, "outgoingServer").map((s) => [
      s.attrs.type,
      Number(text(s, "port")),
      text(s, "socketType"),
    ]);
    expect(outgoing).toEqual([
      ["smtp", PORTS.smtps, "SSL"],
      ["smtp", PORTS.submission, "STARTTLS"],
    ]);
    expect(child(provider, "documentation")!.attrs.url).toMatch(/\/walkthroughs\/thunderbird$/);
  });

  it("uses %EMAILADDRESS% when no address is given", async () => {
    const doc = parseXml(await (await tb("")).text());
    const servers = children(child(doc, "emailProvider")!, "incomingServer");
    expect(servers.map((s) => text(s, "username"))).toEqual(Array(4).fill("%EMAILADDRESS%"));
  });

  it("gives the same answer for a real and an invented address on a hosted domain", async () => {
    const real = (await (await tb("?emailaddress=jane.doe@walk.test")).text()).replaceAll(
      "jane.doe",
      "X",
    );
    const invented = (await (await tb("?emailaddress=nobody.here@walk.test")).text()).replaceAll(
      "nobody.here",
      "X",
    );
    expect(real).toBe(invented);
  });

  it("has nothing for domains hosted elsewhere, and refuses non-addresses", async () => {
    expect((await tb("?emailaddress=someone@elsewhere.test")).status).toBe(404);
    expect((await tb("?emailaddress=%3Cscript%3E")).status).toBe(400);
  });
});

describe("Outlook Autodiscover (POX)", () => {
  it("answers with IMAP, POP3 and SMTP on the implicit-TLS ports in the 2006a schema", async () => {
    const res = await post(poxRequest("Jane.Doe@walk.test"));
    expect(res.status).toBe(200);
    const doc = parseXml(await res.text());
    expect(doc.tag).toBe("Autodiscover");
    expect(doc.ns).toBe("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
    const response = child(doc, "Response")!;
    expect(response.ns).toBe(
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a",
    );
    const account = child(response, "Account")!;
    expect(text(account, "AccountType")).toBe("email");
    expect(text(account, "Action")).toBe("settings");
    const protocols = children(account, "Protocol").map((p) => ({
      type: text(p, "Type"),
      server: text(p, "Server"),
      port: Number(text(p, "Port")),
      login: text(p, "LoginName"),
      ssl: text(p, "SSL"),
      encryption: text(p, "Encryption"),
      auth: text(p, "AuthRequired"),
    }));
    expect(protocols).toEqual([
      {
        type: "IMAP",
        server: HOST,
        port: PORTS.imaps,
        login: "jane.doe@walk.test",
        ssl: "on",
        encryption: "SSL",
        auth: "on",
      },
      {
        type: "POP3",
        server: HOST,
        port: PORTS.pop3s,
        login: "jane.doe@walk.test",
        ssl: "on",
        encryption: "SSL",
        auth: "on",
      },
      {
        type: "SMTP",
        server: HOST,
        port: PORTS.smtps,
        login: "jane.doe@walk.test",
        ssl: "on",
        encryption: "SSL",
        auth: "on",
      },
    ]);
  });

  it("reads requests with namespace prefixes and character references", async () => {
    const body = `<?xml version="1.0"?><a:Autodiscover xmlns:a="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><a:Request><a:EMailAddress>jane&#46;doe&#x40;walk.test</a:EMailAddress><a:AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</a:AcceptableResponseSchema></a:Request></a:Autodiscover>`;
    const doc = parseXml(await (await post(body)).text());
    expect(text(child(child(doc, "Response")!, "User")!, "AutoDiscoverSMTPAddress")).toBe(
      "jane.doe@walk.test",
    );
  });

  it("answers the schema's error for hosted-elsewhere addresses, and the same settings for any address on a hosted domain", async () => {
    expect(errorCode(parseXml(await (await post(poxRequest("jane@elsewhere.test"))).text()))).toBe(
      "500",
    );
    const a = (await (await post(poxRequest("jane.doe@walk.test"))).text()).replaceAll(
      "jane.doe",
      "X",
    );
    const b = (await (await post(poxRequest("invented@walk.test"))).text()).replaceAll(
      "invented",
      "X",
    );
    expect(a).toBe(b);
  });

  it("answers 601 for other response schemas (e.g. mobilesync) and 600 for malformed requests", async () => {
    const mobile = await post(
      poxRequest(
        "jane.doe@walk.test",
        "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006",
      ),
    );
    expect(errorCode(parseXml(await mobile.text()))).toBe("601");
    const junk = await post("this is not xml");
    expect(junk.status).toBe(400);
    expect(errorCode(parseXml(await junk.text()))).toBe("600");
  });

  it("refuses entity expansion and external entities without expanding anything", async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Autodiscover><Request><EMailAddress>&lol3;@walk.test</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`;
    const external = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Autodiscover><Request><EMailAddress>&xxe;</EMailAddress><AcceptableResponseSchema>x</AcceptableResponseSchema></Request></Autodiscover>`;
    const undeclared = poxRequest("&xxe;@walk.test");
    for (const body of [laughs, external, undeclared]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const answer = await res.text();
      expect(errorCode(parseXml(answer))).toBe("600");
      expect(answer).not.toContain("lollol");
      expect(answer).not.toContain("root:");
    }
  });

  it("refuses oversized bodies, whether announced by Content-Length or streamed", async () => {
    const big = poxRequest("jane.doe@walk.test") + " ".repeat(AUTODISCOVER_MAX_BODY);
    const announced = await post(big);
    expect(announced.status).toBe(413);
    expect(errorCode(parseXml(await announced.text()))).toBe("600");
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Endless body without a Content-Length: reading must stop at the limit.
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32));
        if (sent > 10 * 1024 * 1024) controller.close();
      },
    });
    const streamed = await post(stream);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it("tells Outlook's JSON discovery where the POX endpoint is", async () => {
    const ok = autodiscoverJsonResponse("https://portal.example", "AutodiscoverV1");
    expect(await ok.json()).toEqual({
      Protocol: "AutodiscoverV1",
      Url: "https://portal.example/autodiscover/autodiscover.xml",
    });
    const bad = autodiscoverJsonResponse("https://portal.example", "ActiveSync");
    expect(bad.status).toBe(400);
    expect((await bad.json()).ErrorCode).toBe("InvalidProtocol");
  });
});
