import type { ClientWalkthrough } from "../content-model";
import { APPLE_PROVIDERS } from "./common";

// Apple Mail on macOS. The quickest way is our configuration profile (download on the
// walkthrough page); these steps are the manual way. "Use TLS/SSL" in its server settings
// means TLS from the first byte once "Automatically manage connection settings" is off.
export const appleMail: ClientWalkthrough = {
  id: "apple-mail",
  name: "Apple Mail (Mac)",
  platform: "mac",
  summary: "The Mail app on a Mac. A one-click profile is also available.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.3",
  notes: [
    "Works fully with our servers. The quickest way: download the settings profile on this page, open it, and approve it in System Settings.",
  ],
  steps: [
    {
      id: "add-account",
      title: "Add an account",
      text: "Open Mail. In the “Mail” menu at the top choose “Add Account…”.",
      picture: {
        frame: "macos",
        title: "Mail",
        widgets: [
          {
            kind: "menu",
            bar: ["Mail", "File", "Edit", "View", "Mailbox", "Message"],
            open: "Mail",
            entries: [
              "About Mail",
              "-",
              "Settings…",
              "Accounts…",
              "Add Account…",
              "-",
              "Quit Mail",
            ],
            selected: "Add Account…",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "other",
      title: "Choose “Other Mail Account…”",
      text: "Choose “Other Mail Account…” and click “Continue”.",
      picture: {
        frame: "macos",
        title: "Choose a Mail account provider…",
        widgets: [
          {
            kind: "list",
            items: [...APPLE_PROVIDERS, "Other Mail Account…"],
            selected: "Other Mail Account…",
            highlight: true,
          },
          {
            kind: "buttons",
            items: [{ label: "Cancel" }, { label: "Continue", primary: true, highlight: true }],
          },
        ],
      },
    },
    {
      id: "identity",
      title: "Your name, address and password",
      text: "Type your name, {address} and your password. Click “Sign In”. Mail will then ask for the servers.",
      picture: {
        frame: "macos",
        title: "Add a Mail Account",
        widgets: [
          { kind: "heading", text: "Add a Mail Account" },
          { kind: "field", label: "Name:", value: "{name}" },
          { kind: "field", label: "Email Address:", value: "{address}", highlight: true },
          { kind: "field", label: "Password:", value: "", secret: true, highlight: true },
          { kind: "buttons", items: [{ label: "Cancel" }, { label: "Sign In", primary: true }] },
        ],
      },
    },
    {
      id: "servers",
      title: "Type the servers",
      text: "User Name: {username}. Account Type: {inProtocol}. Incoming Mail Server: {inHost}. Outgoing Mail Server: {outHost}. Click “Sign In”, keep “Mail” ticked and click “Done”.",
      picture: {
        frame: "macos",
        title: "Add a Mail Account",
        widgets: [
          { kind: "para", text: "Unable to verify account name or password." },
          { kind: "field", label: "Email Address:", value: "{address}" },
          { kind: "field", label: "User Name:", value: "{username}", highlight: true },
          { kind: "field", label: "Password:", value: "", secret: true },
          { kind: "select", label: "Account Type:", value: "{inProtocol}", highlight: true },
          { kind: "field", label: "Incoming Mail Server:", value: "{inHost}", highlight: true },
          { kind: "field", label: "Outgoing Mail Server:", value: "{outHost}", highlight: true },
          {
            kind: "buttons",
            items: [{ label: "Cancel" }, { label: "Sign In", primary: true, highlight: true }],
          },
        ],
      },
    },
    {
      id: "server-settings",
      title: "Check ports and encryption",
      text: "Open Mail → Settings → Accounts → Server Settings. For both servers untick “Automatically manage connection settings”, type port {inPort} (incoming) and {outPort} (outgoing), and tick “Use TLS/SSL”. Click “Save”.",
      picture: {
        frame: "macos",
        title: "Accounts",
        widgets: [
          {
            kind: "tabs",
            items: ["Account Information", "Mailbox Behaviours", "Server Settings"],
            active: "Server Settings",
          },
          { kind: "section", text: "Incoming Mail Server ({inProtocol})" },
          { kind: "field", label: "Host Name:", value: "{inHost}" },
          { kind: "checkbox", label: "Automatically manage connection settings", checked: false },
          { kind: "field", label: "Port:", value: "{inPort}", short: true, highlight: true },
          { kind: "checkbox", label: "Use TLS/SSL", checked: true, highlight: true },
          { kind: "section", text: "Outgoing Mail Server (SMTP)" },
          { kind: "field", label: "Host Name:", value: "{outHost}" },
          { kind: "checkbox", label: "Automatically manage connection settings", checked: false },
          { kind: "field", label: "Port:", value: "{outPort}", short: true, highlight: true },
          { kind: "checkbox", label: "Use TLS/SSL", checked: true, highlight: true },
          { kind: "buttons", items: [{ label: "Save", primary: true, highlight: true }] },
        ],
      },
    },
    {
      id: "leave-on-server",
      when: "POP3",
      title: "Keep a copy on the server",
      text: "On the “Account Information” tab, set “Remove copy from server after retrieving a message” to “After one week” (or untick it), so other devices can fetch your mail too.",
      picture: {
        frame: "macos",
        title: "Accounts",
        widgets: [
          {
            kind: "tabs",
            items: ["Account Information", "Mailbox Behaviours", "Server Settings"],
            active: "Account Information",
          },
          { kind: "field", label: "Email Address:", value: "{address}" },
          {
            kind: "checkbox",
            label: "Remove copy from server after retrieving a message:",
            checked: true,
          },
          { kind: "select", label: "", value: "After one week", highlight: true },
        ],
      },
    },
  ],
};
