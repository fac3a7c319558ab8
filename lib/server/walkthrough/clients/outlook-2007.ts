import type { ClientWalkthrough } from "../content-model";
import { wizardButtons } from "./common";
import {
  encryptionTypeList,
  outlookAccountFields,
  outlookWindowsTlsNote,
  sslBox,
  outlookOutgoingAuthStep,
  outlookPortsStep,
  outlookToolsMenuStep,
  wizardPageStep,
} from "./legacy-microsoft";

// Outlook 2007 replaced the outgoing (and IMAP incoming) "SSL" box of its Advanced tab with a list, "Use the following
// type of encrypted connection: None / SSL / TLS / Auto": "SSL" there means TLS from the first
// byte (our implicit-TLS ports 993/995/465), "TLS" means STARTTLS (143/110/587). We show "SSL"
// with the implicit-TLS ports, as for every other client (see legacy-microsoft.ts). TLS
// versions come from Windows' Schannel, as for Outlook 2003 (see outlook-2003.ts).
const wizard = { frame: "vista", title: "Add New E-mail Account" } as const;

export const outlook2007: ClientWalkthrough = {
  id: "outlook-2007",
  name: "Outlook 2007",
  platform: "windows",
  summary: "Works on Windows 8 or newer; on Windows 7 only after a Windows setting is changed.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.2",
  alternative: "thunderbird",
  notes: [
    outlookWindowsTlsNote("Outlook 2007"),
    "Choose “SSL” in the encrypted connection lists (or tick the SSL box), with ports {inPort} (incoming) and {outPort} (outgoing). “TLS” in those lists means a different method that needs other ports.",
  ],
  steps: [
    outlookToolsMenuStep(
      {
        id: "open-accounts",
        title: "Open Account Settings",
        text: "Start Outlook. In the “Tools” menu click “Account Settings…”, and on the “E-mail” tab click “New…”.",
      },
      "vista",
      {
        entries: [
          "Send/Receive",
          "Instant Search",
          "Address Book...",
          "-",
          "Rules and Alerts...",
          "-",
          "Account Settings...",
          "Trust Center...",
          "Options...",
        ],
        selected: "Account Settings...",
      },
    ),
    wizardPageStep(
      {
        id: "service",
        title: "Choose the kind of account",
        text: "Choose “Microsoft Exchange, POP3, IMAP, or HTTP” and click “Next”.",
      },
      wizard,
      {
        heading: "Choose E-mail Service",
        widgets: [
          {
            kind: "radio",
            options: ["Microsoft Exchange, POP3, IMAP, or HTTP", "Other"],
            selected: "Microsoft Exchange, POP3, IMAP, or HTTP",
            highlight: true,
          },
        ],
        buttons: wizardButtons(true),
      },
    ),
    wizardPageStep(
      {
        id: "manual",
        title: "Set it up by hand",
        text: "Tick “Manually configure server settings or additional server types” at the bottom and click “Next”. Then choose “Internet E-mail” and click “Next”.",
      },
      wizard,
      {
        heading: "Auto Account Setup",
        widgets: [
          { kind: "field", label: "Your Name:", value: "" },
          { kind: "field", label: "E-mail Address:", value: "" },
          { kind: "field", label: "Password:", value: "" },
          {
            kind: "checkbox",
            label: "Manually configure server settings or additional server types",
            checked: true,
            highlight: true,
          },
        ],
        buttons: wizardButtons(),
      },
    ),
    wizardPageStep(
      {
        id: "settings",
        title: "Type your details and the server names",
        text: "Your name, email address {address}, Account Type “{inProtocol}”, incoming server {inHost}, outgoing server {outHost}, User Name {username} (whole address) and your password. Then click “More Settings…”.",
      },
      wizard,
      {
        heading: "Internet E-mail Settings",
        widgets: outlookAccountFields({
          accountTypeList: true,
          spaLabel: "Require logon using Secure Password Authentication (SPA)",
          rememberPassword: false,
        }),
        buttons: { kind: "buttons", items: [{ label: "More Settings ...", highlight: true }] },
      },
    ),
    outlookOutgoingAuthStep(
      "vista",
      "On the “Outgoing Server” tab tick “My outgoing server (SMTP) requires authentication” and keep “Use same settings as my incoming mail server”.",
    ),
    outlookPortsStep(
      "vista",
      {
        IMAP: "On the “Advanced” tab: Incoming server (IMAP) {inPort}, and choose “SSL” in its encrypted connection list. Outgoing server (SMTP) {outPort}, and choose “SSL” in its list too.",
        POP3: "On the “Advanced” tab: Incoming server (POP3) {inPort}, and tick “This server requires an encrypted connection (SSL)”. Outgoing server (SMTP) {outPort}, and choose “SSL” in its encrypted connection list.",
      },
      {
        // POP3 keeps the SSL box for the incoming server; IMAP has the list (legacy-microsoft.ts).
        incoming: [
          { ...sslBox("This server requires an encrypted connection (SSL)"), when: "POP3" },
          ...encryptionTypeList.map((widget) => ({ ...widget, when: "IMAP" as const })),
        ],
        outgoing: encryptionTypeList,
      },
    ),
    {
      id: "test-finish",
      title: "Test and finish",
      text: "Click “Test Account Settings…”: both lines should turn green. Then click “Next” and “Finish”.",
      picture: {
        frame: "vista",
        title: "Test Account Settings",
        widgets: [
          {
            kind: "para",
            text: "Congratulations! All tests completed successfully. Click Close to continue.",
          },
          {
            kind: "list",
            label: "Tasks",
            items: ["✔ Log onto incoming mail server ({inProtocol})", "✔ Send test e-mail message"],
            selected: "",
          },
          { kind: "buttons", items: [{ label: "Close", primary: true, highlight: true }] },
        ],
      },
    },
  ],
};
