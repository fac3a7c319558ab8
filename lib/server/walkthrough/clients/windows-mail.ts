import type { ClientWalkthrough } from "../content-model";

// Windows 10/11 "Mail" app. Its "Internet email" form has no port fields: a port is given by
// appending ":port" to the server name, and "Require SSL" means TLS from the first byte
// (our implicit-TLS ports).
export const windowsMail: ClientWalkthrough = {
  id: "windows-mail",
  name: "Windows 10/11 Mail",
  platform: "windows",
  summary: "The “Mail” app that came with Windows 10 and 11.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.2",
  notes: [
    "Works with our servers. Microsoft stopped updating this app at the end of 2024 and points people to the new Outlook, which has its own walkthrough.",
    "This app has no box for the port: the port goes after the server name with a colon, exactly as shown.",
  ],
  steps: [
    {
      id: "manage-accounts",
      title: "Open “Manage accounts”",
      text: "Open Mail, click the gear (Settings) at the bottom left, then “Manage accounts” and “+ Add account”.",
      picture: {
        frame: "fluent",
        title: "Mail",
        widgets: [
          { kind: "heading", text: "Settings" },
          {
            kind: "list",
            items: ["Manage accounts", "Personalisation", "Automatic replies", "Focused inbox"],
            selected: "Manage accounts",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "advanced-setup",
      title: "Choose “Advanced setup”",
      text: "Scroll to the bottom of the list and choose “Advanced setup”.",
      picture: {
        frame: "fluent",
        title: "Add an account",
        widgets: [
          {
            kind: "list",
            items: [
              "Outlook.com",
              "Office 365",
              "Google",
              "Yahoo!",
              "iCloud",
              "Other account",
              "Advanced setup",
            ],
            selected: "Advanced setup",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "internet-email",
      title: "Choose “Internet email”",
      text: "Choose “Internet email”.",
      picture: {
        frame: "fluent",
        title: "Add an account",
        widgets: [
          { kind: "heading", text: "Advanced setup" },
          {
            kind: "list",
            items: ["Exchange ActiveSync", "Internet email"],
            selected: "Internet email",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "identity",
      title: "Your address, user name and password",
      text: "Email address and user name: {username}. Type your password. Account name and “Send your messages using this name” are yours to choose.",
      picture: {
        frame: "fluent",
        title: "Internet email account",
        widgets: [
          { kind: "field", label: "Email address", value: "{address}", highlight: true },
          { kind: "field", label: "User name", value: "{username}", highlight: true },
          { kind: "field", label: "Password", value: "", secret: true },
          { kind: "field", label: "Account name", value: "{address}" },
          { kind: "field", label: "Send your messages using this name", value: "{name}" },
        ],
      },
    },
    {
      id: "servers",
      title: "Servers with their ports",
      text: "Incoming email server: {inHost}:{inPort}. Account type: {inProtocol}. Outgoing (SMTP) email server: {outHost}:{outPort}.",
      picture: {
        frame: "fluent",
        title: "Internet email account",
        widgets: [
          {
            kind: "field",
            label: "Incoming email server",
            value: "{inHost}:{inPort}",
            highlight: true,
          },
          {
            kind: "select",
            label: "Account type",
            value: { IMAP: "IMAP4", POP3: "POP3" },
            highlight: true,
          },
          {
            kind: "field",
            label: "Outgoing (SMTP) email server",
            value: "{outHost}:{outPort}",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "ssl",
      title: "Leave all four boxes ticked",
      text: "Keep all four boxes ticked: the outgoing server needs your password, and both servers need SSL. Click “Sign in”.",
      picture: {
        frame: "fluent",
        title: "Internet email account",
        widgets: [
          {
            kind: "checkbox",
            label: "Outgoing server requires authentication",
            checked: true,
            highlight: true,
          },
          {
            kind: "checkbox",
            label: "Use the same user name and password for sending email",
            checked: true,
          },
          {
            kind: "checkbox",
            label: "Require SSL for incoming email",
            checked: true,
            highlight: true,
          },
          {
            kind: "checkbox",
            label: "Require SSL for outgoing email",
            checked: true,
            highlight: true,
          },
          {
            kind: "buttons",
            items: [{ label: "Cancel" }, { label: "Sign in", primary: true, highlight: true }],
          },
        ],
      },
    },
    {
      id: "done",
      title: "All done",
      text: {
        IMAP: "The app says “All done!”. Click “Done”; your mail from {inHost} appears.",
        POP3: "The app says “All done!”. Click “Done”; your mail from {inHost} appears. With POP3 this app leaves a copy of messages on the server (it has no setting to remove them), so your other devices still get your mail.",
      },
      picture: {
        frame: "fluent",
        title: "Mail",
        widgets: [
          { kind: "heading", text: "All done!" },
          { kind: "para", text: "Your account was set up successfully. {address}" },
          { kind: "buttons", items: [{ label: "Done", primary: true, highlight: true }] },
        ],
      },
    },
  ],
};
