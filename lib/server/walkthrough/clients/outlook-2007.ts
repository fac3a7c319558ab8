import type { ClientWalkthrough } from "../content-model";
import { LEAVE_COPY_TEXT } from "./common";

// Outlook 2007 replaced the outgoing "SSL" box with a list, "Use the following type of
// encrypted connection: None / SSL / TLS / Auto", on the Advanced tab: "SSL" there means TLS
// from the first byte (our implicit-TLS ports), "TLS" means STARTTLS. Incoming keeps the
// "This server requires an encrypted connection (SSL)" box (implicit TLS). We give it the
// implicit-TLS endpoints and "SSL", the same as every other client. TLS versions come from
// Windows' Schannel, as for Outlook 2003 (see outlook-2003.ts).
export const outlook2007: ClientWalkthrough = {
  id: "outlook-2007",
  name: "Outlook 2007",
  platform: "windows",
  summary: "Works on Windows 8 or newer; on Windows 7 only with an update.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.2",
  alternative: "thunderbird",
  notes: [
    "Outlook 2007 uses the encryption of the Windows it runs on. On Windows 8, 10 or 11 it works with our servers. On Windows 7 it needs the Windows update KB3140245 (ask whoever looks after your computer). On Windows XP or Vista it cannot connect: please use Thunderbird instead.",
    "For the outgoing server choose “SSL” in the encrypted connection list (not “TLS”, which means a different method on a different port).",
  ],
  steps: [
    {
      id: "open-accounts",
      title: "Open Account Settings",
      text: "Start Outlook. In the “Tools” menu click “Account Settings…”, and on the “E-mail” tab click “New…”.",
      picture: {
        frame: "vista",
        title: "Inbox - Microsoft Outlook",
        widgets: [
          {
            kind: "menu",
            bar: ["File", "Edit", "View", "Go", "Tools", "Actions", "Help"],
            open: "Tools",
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
            highlight: true,
          },
        ],
      },
    },
    {
      id: "service",
      title: "Choose the kind of account",
      text: "Choose “Microsoft Exchange, POP3, IMAP, or HTTP” and click “Next”.",
      picture: {
        frame: "vista",
        title: "Add New E-mail Account",
        widgets: [
          { kind: "heading", text: "Choose E-mail Service" },
          {
            kind: "radio",
            options: ["Microsoft Exchange, POP3, IMAP, or HTTP", "Other"],
            selected: "Microsoft Exchange, POP3, IMAP, or HTTP",
            highlight: true,
          },
          {
            kind: "buttons",
            items: [
              { label: "< Back" },
              { label: "Next >", primary: true, highlight: true },
              { label: "Cancel" },
            ],
          },
        ],
      },
    },
    {
      id: "manual",
      title: "Set it up by hand",
      text: "Tick “Manually configure server settings or additional server types” at the bottom and click “Next”. Then choose “Internet E-mail” and click “Next”.",
      picture: {
        frame: "vista",
        title: "Add New E-mail Account",
        widgets: [
          { kind: "heading", text: "Auto Account Setup" },
          { kind: "field", label: "Your Name:", value: "" },
          { kind: "field", label: "E-mail Address:", value: "" },
          { kind: "field", label: "Password:", value: "" },
          {
            kind: "checkbox",
            label: "Manually configure server settings or additional server types",
            checked: true,
            highlight: true,
          },
          {
            kind: "buttons",
            items: [{ label: "< Back" }, { label: "Next >", primary: true }, { label: "Cancel" }],
          },
        ],
      },
    },
    {
      id: "settings",
      title: "Type your details and the server names",
      text: "Your name, email address {address}, Account Type “{inProtocol}”, incoming server {inHost}, outgoing server {outHost}, User Name {username} (whole address) and your password. Then click “More Settings…”.",
      picture: {
        frame: "vista",
        title: "Add New E-mail Account",
        widgets: [
          { kind: "heading", text: "Internet E-mail Settings" },
          { kind: "section", text: "User Information" },
          { kind: "field", label: "Your Name:", value: "{name}" },
          { kind: "field", label: "E-mail Address:", value: "{address}", highlight: true },
          { kind: "section", text: "Server Information" },
          { kind: "select", label: "Account Type:", value: "{inProtocol}", highlight: true },
          { kind: "field", label: "Incoming mail server:", value: "{inHost}", highlight: true },
          {
            kind: "field",
            label: "Outgoing mail server (SMTP):",
            value: "{outHost}",
            highlight: true,
          },
          { kind: "section", text: "Logon Information" },
          { kind: "field", label: "User Name:", value: "{username}", highlight: true },
          { kind: "field", label: "Password:", value: "", secret: true },
          {
            kind: "checkbox",
            label: "Require logon using Secure Password Authentication (SPA)",
            checked: false,
          },
          { kind: "buttons", items: [{ label: "More Settings ...", highlight: true }] },
        ],
      },
    },
    {
      id: "outgoing-auth",
      title: "Let the outgoing server check your password",
      text: "On the “Outgoing Server” tab tick “My outgoing server (SMTP) requires authentication” and keep “Use same settings as my incoming mail server”.",
      picture: {
        frame: "vista",
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
        IMAP: "On the “Advanced” tab: Incoming server (IMAP) {inPort} and tick “This server requires an encrypted connection (SSL)”. Outgoing server (SMTP) {outPort} and choose “SSL” in the list. Click “OK”.",
        POP3: `On the “Advanced” tab: Incoming server (POP3) {inPort} and tick “This server requires an encrypted connection (SSL)”. Outgoing server (SMTP) {outPort} and choose “SSL” in the list. ${LEAVE_COPY_TEXT} Click “OK”.`,
      },
      picture: {
        frame: "vista",
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
            kind: "select",
            label: "Use the following type of encrypted connection:",
            value: "SSL",
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
