import Link from "next/link";
import { ProtocolChoiceForm } from "@/components/protocol-choice-form";
import { ServerSettings } from "@/components/server-settings";
import { PhoneQrButton } from "@/components/walkthrough/phone-qr-button";
import { SettingRow } from "@/components/setting-row";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { requireCustomer } from "@/lib/server/web-auth/require-customer";
import { chooseProtocolAction } from "./actions";
import { showPhoneQrAction } from "./phone-qr-action";

export const metadata = { title: "My settings" };

export default async function SettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const passwordChanged = (await searchParams).password === "changed";
  const customer = await requireCustomer();
  const settings = await getConnectionSettings({
    address: customer.address,
    protocol: customer.preferredProtocol,
  });
  const protocol = settings.incoming.protocol;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold sm:text-3xl">My settings</h1>
        <p className="mt-2 text-slate-700">
          Type these into your email program (Outlook, Thunderbird, Apple Mail, your phone…). Tap{" "}
          <strong>Copy</strong> next to a value, then paste it where your program asks for it.
        </p>
      </div>

      {passwordChanged ? (
        <p
          role="status"
          className="rounded-lg border-l-4 border-green-700 bg-green-50 p-3 font-semibold text-green-900"
        >
          Your new password is set. Use it in your email programs too.
        </p>
      ) : null}

      <section aria-labelledby="account-heading" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="account-heading" className="text-xl font-semibold">
          Your username and password
        </h2>
        <dl className="mt-2">
          <SettingRow
            name="Username"
            value={settings.username}
            copyLabel="username"
            testId="username"
            explanation="Always your whole email address, in small letters. Use it for both the incoming and the outgoing server."
          />
          <div className="border-t border-slate-200 py-3">
            <dt className="text-sm font-semibold text-slate-700">Password</dt>
            <dd className="mt-1 text-slate-700">
              The password you signed in with here. Capitals matter: “Sun” and “sun” are different
              passwords. Want a new one?{" "}
              <Link href="/password" className="font-semibold text-blue-800 underline">
                Change your password
              </Link>
              .
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="protocol-heading" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="protocol-heading" className="text-xl font-semibold">
          POP3 or IMAP?
        </h2>
        <p className="mt-1 text-slate-700">
          These are two ways for your program to collect mail. You are set up for{" "}
          <strong data-testid="current-protocol">{protocol}</strong>.
        </p>
        <div className="mt-4">
          <ProtocolChoiceForm action={chooseProtocolAction} current={protocol} />
        </div>
        {protocol === "POP3" ? (
          <p
            data-testid="pop3-advice"
            className="mt-4 rounded-lg border-l-4 border-amber-600 bg-amber-50 p-3 text-slate-900"
          >
            <strong>Using more than one device?</strong> In your program’s POP3 settings, turn on{" "}
            <strong>“Leave a copy of messages on the server”</strong>. Otherwise the first device to
            collect your mail takes it away from all the others.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="incoming-heading" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="incoming-heading" className="text-xl font-semibold">
          Incoming server ({protocol})
        </h2>
        <p className="mt-1 text-slate-700">
          Where your mail waits until your program collects it. Choose <strong>{protocol}</strong>{" "}
          as the account or server type.
        </p>
        <ServerSettings
          id="incoming"
          title="incoming server"
          service={settings.incoming}
          authenticationNote="Your program may call it “password”, “plain” or “normal password”. Your password still travels encrypted."
        />
      </section>

      <section aria-labelledby="outgoing-heading" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="outgoing-heading" className="text-xl font-semibold">
          Outgoing server (SMTP)
        </h2>
        <p className="mt-1 text-slate-700">
          Where your program hands over the mail you send, so it can be delivered. SMTP is the name
          of the way mail is sent.
        </p>
        <ServerSettings
          id="outgoing"
          title="outgoing server"
          service={settings.outgoing}
          authenticationNote="Required: tick “My outgoing server requires authentication” and use the same username and password as for the incoming server."
        />
      </section>

      <section aria-labelledby="help-heading" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="help-heading" className="text-xl font-semibold">
          Need pictures, or setting up a phone?
        </h2>
        <ul className="mt-2 list-disc space-y-2 pl-6 text-lg">
          <li>
            <Link href="/walkthroughs" className="text-blue-700 underline">
              Step-by-step pictures for your email program
            </Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="phone-heading" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="phone-heading" className="text-xl font-semibold">
          Setting up an iPhone or iPad?
        </h2>
        <p className="mt-1 text-slate-700">
          Scan a QR code with the phone: it installs these settings for you, and you only type your
          password.
        </p>
        <div className="mt-4">
          <PhoneQrButton action={showPhoneQrAction} />
        </div>
      </section>
    </div>
  );
}
