import type { ClientWalkthrough } from "../content-model";
import { wizardButtons } from "./common";
import {
  outlookAccountFields,
  outlookWindowsTlsNote,
  outlookOutgoingAuthStep,
  outlookPortsStep,
  outlookToolsMenuStep,
  sslBox,
  wizardPageStep,
} from "./legacy-microsoft";

// Outlook 2003's "This server requires an encrypted connection (SSL)" boxes mean what Outlook
// Express's mean (see legacy-microsoft.ts). It has no TLS of its own: it gets whatever Windows'
// Schannel offers programs by default.
// - Windows 8 and later: TLS 1.2 is on by default, so it meets our default minimum.
// - Windows 7: Schannel has TLS 1.1/1.2 but leaves them off for client programs until the
//   "DisabledByDefault" value under SCHANNEL\Protocols\TLS 1.2\Client is set to 0 (Microsoft's
//   "TLS/SSL Settings" / "Transport Layer Security (TLS) registry settings" documentation).
//   Update KB3140245 does the same for WinHTTP only (Outlook's Autodiscover/HTTP traffic), not
//   for POP3/IMAP/SMTP, so we do not tell customers that the update alone is enough.
// - Windows XP and Vista: TLS 1.0 at most (see outlook-express.ts, windows-mail-vista.ts).
// maxTls is TLS 1.2 (its best case); the note says which Windows versions that needs.
const SSL = "This server requires an encrypted connection (SSL)";
const wizard = { frame: "xp", title: "E-mail Accounts" } as const;

export const outlook2003: ClientWalkthrough = {
  id: "outlook-2003",
  name: "Outlook 2003",
  platform: "windows",
  summary: "Works on Windows 8 or newer; on Windows 7 only after a Windows setting is changed.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.2",
  alternative: "thunderbird",
  notes: [
    outlookWindowsTlsNote("Outlook 2003"),
    "Its “encrypted connection (SSL)” boxes must be ticked for both servers, with ports {inPort} (incoming) and {outPort} (outgoing): the box means encryption from the first moment on the port typed in.",
  ],
  steps: [
    outlookToolsMenuStep(
      {
        id: "open-accounts",
        title: "Open the e-mail accounts",
        text: "Start Outlook. In the “Tools” menu click “E-mail Accounts…”.",
      },
      "xp",
      {
        entries: [
          "Send/Receive",
          "Address Book...",
          "-",
          "Rules and Alerts...",
          "E-mail Accounts...",
          "Customize...",
          "Options...",
        ],
        selected: "E-mail Accounts...",
      },
    ),
    {
      id: "add-account",
      title: "Add a new account",
      text: "Choose “Add a new e-mail account” and click “Next”.",
      picture: {
        ...wizard,
        widgets: [
          {
            kind: "para",
            text: "This wizard will allow you to change the e-mail accounts and directories that Outlook uses.",
          },
          {
            kind: "radio",
            label: "E-mail",
            options: ["Add a new e-mail account", "View or change existing e-mail accounts"],
            selected: "Add a new e-mail account",
            highlight: true,
          },
          wizardButtons(true),
        ],
      },
    },
    wizardPageStep(
      {
        id: "server-type",
        title: "Choose {inProtocol}",
        text: "Choose “{inProtocol}” and click “Next”.",
      },
      wizard,
      {
        heading: "Server Type",
        widgets: [
          {
            kind: "radio",
            options: [
              "Microsoft Exchange Server",
              "POP3",
              "IMAP",
              "HTTP",
              "Additional Server Types",
            ],
            selected: "{inProtocol}",
            highlight: true,
          },
        ],
        buttons: wizardButtons(true),
      },
    ),
    wizardPageStep(
      {
        id: "settings",
        title: "Type your details and the server names",
        text: "Type your name, your email address {address}, incoming server {inHost}, outgoing server {outHost}, and as User Name your whole address {username}. Type your password. Then click “More Settings…”.",
      },
      wizard,
      {
        heading: "Internet E-mail Settings ({inProtocol})",
        widgets: outlookAccountFields({
          accountTypeList: false,
          spaLabel: "Log on using Secure Password Authentication (SPA)",
          rememberPassword: true,
        }),
        buttons: {
          kind: "buttons",
          items: [{ label: "More Settings ...", highlight: true }, { label: "Next >" }],
        },
      },
    ),
    outlookOutgoingAuthStep(
      "xp",
      "On the “Outgoing Server” tab, tick “My outgoing server (SMTP) requires authentication” and keep “Use same settings as my incoming mail server”.",
    ),
    outlookPortsStep(
      "xp",
      "On the “Advanced” tab: Incoming server ({inProtocol}) {inPort}, tick its SSL box; Outgoing server (SMTP) {outPort}, tick its SSL box.",
      { incoming: [sslBox(SSL)], outgoing: [sslBox(SSL)] },
    ),
    wizardPageStep(
      {
        id: "finish",
        title: "Finish",
        text: "Click “Next”, then “Finish”. Outlook fetches your mail from {inHost}.",
      },
      wizard,
      {
        heading: "Congratulations!",
        para: "You have successfully entered all the information required to setup your account. To close the wizard, click Finish.",
        widgets: [],
        buttons: {
          kind: "buttons",
          items: [{ label: "< Back" }, { label: "Finish", primary: true, highlight: true }],
        },
      },
    ),
  ],
};
