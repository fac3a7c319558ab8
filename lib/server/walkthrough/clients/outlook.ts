import type { ClientWalkthrough } from "../content-model";

// The new Outlook for Windows (and Outlook in Microsoft 365). It asks for IMAP or POP
// settings in one form with a "secure connection type" list per server: "SSL/TLS" is TLS
// from the first byte (our implicit-TLS ports).
export const outlook: ClientWalkthrough = {
  id: "outlook",
  name: "Outlook (Microsoft 365 / new Outlook)",
  platform: "windows",
  summary: "The current Outlook for Windows, also part of Microsoft 365.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.3",
  notes: [
    "Works fully with our servers. Outlook may find your settings by itself once you type your address; if it does not, follow these steps.",
    "In classic Outlook (2016 to 2021) the same settings are under File → Add Account → Advanced options → “Let me set up my account manually”.",
  ],
  steps: [
    {
      id: "open-accounts",
      title: "Open the account settings",
      text: "Click the gear (Settings) at the top right, choose “Accounts”, then “Email accounts”, and click “Add account”.",
      picture: {
        frame: "fluent",
        title: "Settings",
        widgets: [
          {
            kind: "list",
            items: ["Accounts", "General", "Mail", "Calendar", "People"],
            selected: "Accounts",
          },
          { kind: "heading", text: "Email accounts" },
          { kind: "buttons", items: [{ label: "+ Add account", highlight: true }] },
        ],
      },
    },
    {
      id: "email",
      title: "Type your email address",
      text: "Type {address} and click “Continue”.",
      picture: {
        frame: "fluent",
        title: "Add your account",
        widgets: [
          { kind: "heading", text: "Add your account" },
          { kind: "field", label: "Email address", value: "{address}", highlight: true },
          { kind: "buttons", items: [{ label: "Continue", primary: true, highlight: true }] },
        ],
      },
    },
    {
      id: "provider",
      title: "Choose {inProtocol}",
      text: "If Outlook asks which kind of account it is, choose “{inProtocol}”.",
      picture: {
        frame: "fluent",
        title: "Add your account",
        widgets: [
          { kind: "heading", text: "Choose your provider" },
          {
            kind: "list",
            items: ["Microsoft 365", "Outlook.com", "Gmail", "Yahoo", "iCloud", "IMAP", "POP"],
            selected: { IMAP: "IMAP", POP3: "POP" },
            highlight: true,
          },
        ],
      },
    },
    {
      id: "incoming",
      title: "Incoming server",
      text: "Type your password. Click “Show more”. Incoming server: {inHost}, port {inPort}, secure connection type “SSL/TLS”.",
      picture: {
        frame: "fluent",
        title: "Add your account",
        widgets: [
          {
            kind: "heading",
            text: { IMAP: "Sync your IMAP account", POP3: "Sync your POP account" },
          },
          { kind: "field", label: "Email address", value: "{address}" },
          {
            kind: "field",
            label: { IMAP: "IMAP password", POP3: "POP password" },
            value: "",
            secret: true,
          },
          {
            kind: "field",
            label: { IMAP: "IMAP incoming server", POP3: "POP incoming server" },
            value: "{inHost}",
            highlight: true,
          },
          { kind: "field", label: "Port", value: "{inPort}", short: true, highlight: true },
          { kind: "select", label: "Secure connection type", value: "SSL/TLS", highlight: true },
        ],
      },
    },
    {
      id: "outgoing",
      title: "Outgoing server",
      text: "Further down: SMTP username {username}, your password again, SMTP outgoing server {outHost}, port {outPort}, secure connection type “SSL/TLS”. Click “Continue”.",
      picture: {
        frame: "fluent",
        title: "Add your account",
        widgets: [
          { kind: "field", label: "SMTP username", value: "{username}", highlight: true },
          { kind: "field", label: "SMTP password", value: "", secret: true },
          { kind: "field", label: "SMTP outgoing server", value: "{outHost}", highlight: true },
          { kind: "field", label: "Port", value: "{outPort}", short: true, highlight: true },
          { kind: "select", label: "Secure connection type", value: "SSL/TLS", highlight: true },
          { kind: "buttons", items: [{ label: "Continue", primary: true, highlight: true }] },
        ],
      },
    },
    {
      id: "leave-on-server",
      when: "POP3",
      title: "Keep a copy on the server",
      text: "With POP3, keep “Leave a copy of messages on the server” ticked so your phone or another computer still gets your mail. In classic Outlook it is under File → Account Settings → Change → More Settings → Advanced.",
      picture: {
        frame: "fluent",
        title: "Account settings",
        widgets: [
          { kind: "heading", text: "Delivery" },
          {
            kind: "checkbox",
            label: "Leave a copy of messages on the server",
            checked: true,
            highlight: true,
          },
          { kind: "checkbox", label: "Remove from server after 14 days", checked: true },
          { kind: "buttons", items: [{ label: "Save", primary: true }] },
        ],
      },
    },
    {
      id: "done",
      title: "Done",
      text: "Outlook signs in to {inHost} and shows your inbox. If it says it cannot connect, check the password first: capital letters matter.",
      picture: {
        frame: "fluent",
        title: "Outlook",
        widgets: [
          { kind: "heading", text: "Success!" },
          { kind: "para", text: "{address} has been added." },
          { kind: "buttons", items: [{ label: "Done", primary: true, highlight: true }] },
        ],
      },
    },
  ],
};
