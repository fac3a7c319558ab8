import type { ClientWalkthrough, Widget } from "../content-model";
import { LEAVE_COPY_TEXT, wizardButtons } from "./common";

// Outlook 2003's "This server requires an encrypted connection (SSL)" boxes behave like
// Outlook Express's (implicit TLS for incoming; wrapper mode for SMTP on any port but 25):
// see outlook-express.ts. It has no TLS stack of its own: it gets TLS 1.2 only where
// Windows' Schannel offers it to programs by default (Windows 8 and later; Windows 7 only
// with update KB3140245 and the DefaultSecureProtocols setting; never on XP or Vista).
const settingsFields: Widget[] = [
  { kind: "section", text: "User Information" },
  { kind: "field", label: "Your Name:", value: "{name}" },
  { kind: "field", label: "E-mail Address:", value: "{address}", highlight: true },
  { kind: "section", text: "Server Information" },
  {
    kind: "field",
    label: "Incoming mail server ({inProtocol}):",
    value: "{inHost}",
    highlight: true,
  },
  { kind: "field", label: "Outgoing mail server (SMTP):", value: "{outHost}", highlight: true },
  { kind: "section", text: "Logon Information" },
  { kind: "field", label: "User Name:", value: "{username}", highlight: true },
  { kind: "field", label: "Password:", value: "", secret: true },
  { kind: "checkbox", label: "Remember password", checked: true },
  { kind: "checkbox", label: "Log on using Secure Password Authentication (SPA)", checked: false },
];

export const outlook2003: ClientWalkthrough = {
  id: "outlook-2003",
  name: "Outlook 2003",
  platform: "windows",
  summary: "Works on Windows 8 or newer; on Windows 7 only with an update.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.2",
  alternative: "thunderbird",
  notes: [
    "Outlook 2003 uses the encryption of the Windows it runs on. On Windows 8, 10 or 11 it works with our servers. On Windows 7 it needs the Windows update KB3140245 (ask whoever looks after your computer). On Windows XP or Vista it cannot connect: please use Thunderbird instead.",
    "Its “encrypted connection (SSL)” boxes must be ticked for both servers, with the ports shown.",
  ],
  steps: [
    {
      id: "open-accounts",
      title: "Open the e-mail accounts",
      text: "Start Outlook. In the “Tools” menu click “E-mail Accounts…”.",
      picture: {
        frame: "xp",
        title: "Inbox - Microsoft Outlook",
        widgets: [
          {
            kind: "menu",
            bar: ["File", "Edit", "View", "Go", "Tools", "Actions", "Help"],
            open: "Tools",
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
            highlight: true,
          },
        ],
      },
    },
    {
      id: "add-account",
      title: "Add a new account",
      text: "Choose “Add a new e-mail account” and click “Next”.",
      picture: {
        frame: "xp",
        title: "E-mail Accounts",
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
    {
      id: "server-type",
      title: "Choose {inProtocol}",
      text: "Choose “{inProtocol}” and click “Next”.",
      picture: {
        frame: "xp",
        title: "E-mail Accounts",
        widgets: [
          { kind: "heading", text: "Server Type" },
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
          wizardButtons(true),
        ],
      },
    },
    {
      id: "settings",
      title: "Type your details and the server names",
      text: "Type your name, your email address {address}, incoming server {inHost}, outgoing server {outHost}, and as User Name your whole address {username}. Type your password. Then click “More Settings…”.",
      picture: {
        frame: "xp",
        title: "E-mail Accounts",
        widgets: [
          { kind: "heading", text: "Internet E-mail Settings ({inProtocol})" },
          ...settingsFields,
          {
            kind: "buttons",
            items: [{ label: "More Settings ...", highlight: true }, { label: "Next >" }],
          },
        ],
      },
    },
    {
      id: "outgoing-auth",
      title: "Let the outgoing server check your password",
      text: "On the “Outgoing Server” tab, tick “My outgoing server (SMTP) requires authentication” and keep “Use same settings as my incoming mail server”.",
      picture: {
        frame: "xp",
        title: "Internet E-mail Settings",
        widgets: [
          {
            kind: "tabs",
            items: ["General", "Outgoing Server", "Connection", "Advanced"],
            active: "Outgoing Server",
          },
          {
            kind: "checkbox",
            label: "My outgoing server (SMTP) requires authentication",
            checked: true,
            highlight: true,
          },
          {
            kind: "radio",
            options: ["Use same settings as my incoming mail server", "Log on using"],
            selected: "Use same settings as my incoming mail server",
          },
          { kind: "buttons", items: [{ label: "OK" }, { label: "Cancel" }] },
        ],
      },
    },
    {
      id: "ports",
      title: "Turn on encryption and set the ports",
      text: {
        IMAP: "On the “Advanced” tab: Incoming server (IMAP) {inPort}, tick its SSL box; Outgoing server (SMTP) {outPort}, tick its SSL box. Click “OK”.",
        POP3: `On the “Advanced” tab: Incoming server (POP3) {inPort}, tick its SSL box; Outgoing server (SMTP) {outPort}, tick its SSL box. ${LEAVE_COPY_TEXT} Click “OK”.`,
      },
      picture: {
        frame: "xp",
        title: "Internet E-mail Settings",
        widgets: [
          {
            kind: "tabs",
            items: ["General", "Outgoing Server", "Connection", "Advanced"],
            active: "Advanced",
          },
          { kind: "section", text: "Server Port Numbers" },
          {
            kind: "field",
            label: "Incoming server ({inProtocol}):",
            value: "{inPort}",
            short: true,
            highlight: true,
          },
          {
            kind: "checkbox",
            label: "This server requires an encrypted connection (SSL)",
            checked: true,
            highlight: true,
          },
          {
            kind: "field",
            label: "Outgoing server (SMTP):",
            value: "{outPort}",
            short: true,
            highlight: true,
          },
          {
            kind: "checkbox",
            label: "This server requires an encrypted connection (SSL)",
            checked: true,
            highlight: true,
          },
          { kind: "section", text: "Delivery", when: "POP3" },
          {
            kind: "checkbox",
            label: "Leave a copy of messages on the server",
            checked: true,
            highlight: true,
            when: "POP3",
          },
          { kind: "buttons", items: [{ label: "OK", highlight: true }, { label: "Cancel" }] },
        ],
      },
    },
    {
      id: "finish",
      title: "Finish",
      text: "Click “Next”, then “Finish”. Outlook fetches your mail from {inHost}.",
      picture: {
        frame: "xp",
        title: "E-mail Accounts",
        widgets: [
          { kind: "heading", text: "Congratulations!" },
          {
            kind: "para",
            text: "You have successfully entered all the information required to setup your account. To close the wizard, click Finish.",
          },
          {
            kind: "buttons",
            items: [{ label: "< Back" }, { label: "Finish", primary: true, highlight: true }],
          },
        ],
      },
    },
  ],
};
