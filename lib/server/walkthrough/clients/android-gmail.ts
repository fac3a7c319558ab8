import type { ClientWalkthrough } from "../content-model";

// The Gmail app on Android with an "Other" account. Its server screens have a "Security type"
// list where "SSL/TLS" means TLS from the first byte (our implicit-TLS ports).
export const androidGmail: ClientWalkthrough = {
  id: "android-gmail",
  name: "Android: Gmail app",
  platform: "android",
  summary: "The Gmail app on an Android phone, with your address added to it.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.3",
  notes: [
    "Works with our servers. Screens differ a little between phone makers; the words to look for are the same.",
  ],
  steps: [
    {
      id: "add-account",
      title: "Add another account",
      text: "Open Gmail. Tap your picture at the top right, then “Add another account”, and choose “Other”.",
      picture: {
        frame: "android",
        title: "Set up email",
        widgets: [
          {
            kind: "list",
            items: [
              "Google",
              "Outlook, Hotmail and Live",
              "Yahoo",
              "Exchange and Microsoft 365",
              "Other",
            ],
            selected: "Other",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "address",
      title: "Type your address",
      text: "Type {address} and tap “Manual setup”.",
      picture: {
        frame: "android",
        title: "Add your email address",
        widgets: [
          { kind: "field", label: "Enter your email", value: "{address}", highlight: true },
          {
            kind: "buttons",
            items: [
              { label: "Manual setup", highlight: true },
              { label: "Next", primary: true },
            ],
          },
        ],
      },
    },
    {
      id: "account-type",
      title: "Choose the type of account",
      text: "Choose “Personal ({inProtocol})”.",
      picture: {
        frame: "android",
        title: "What type of account is this?",
        widgets: [
          {
            kind: "list",
            items: ["Personal (POP3)", "Personal (IMAP)", "Exchange"],
            selected: "Personal ({inProtocol})",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "password",
      title: "Type your password",
      text: "Type your mailbox password (capital letters matter) and tap “Next”.",
      picture: {
        frame: "android",
        title: "{address}",
        widgets: [
          { kind: "field", label: "Password", value: "", secret: true, highlight: true },
          { kind: "buttons", items: [{ label: "Next", primary: true, highlight: true }] },
        ],
      },
    },
    {
      id: "incoming",
      title: "Incoming server settings",
      text: "Username: {username}. Server: {inHost}. Port: {inPort}. Security type: SSL/TLS. Tap “Next”.",
      picture: {
        frame: "android",
        title: "Incoming server settings",
        widgets: [
          { kind: "field", label: "Username", value: "{username}", highlight: true },
          { kind: "field", label: "Password", value: "", secret: true },
          { kind: "field", label: "Server", value: "{inHost}", highlight: true },
          { kind: "field", label: "Port", value: "{inPort}", short: true, highlight: true },
          { kind: "select", label: "Security type", value: "SSL/TLS", highlight: true },
          {
            kind: "select",
            label: "Delete email from server",
            value: "Never",
            highlight: true,
            when: "POP3",
          },
        ],
      },
    },
    {
      id: "outgoing",
      title: "Outgoing server settings",
      text: {
        IMAP: "Keep “Require sign-in” on. Username: {username}. SMTP server: {outHost}. Port: {outPort}. Security type: SSL/TLS. Tap “Next”.",
        POP3: "Keep “Require sign-in” on. Username: {username}. SMTP server: {outHost}. Port: {outPort}. Security type: SSL/TLS. Tap “Next”. (On the previous screen, “Delete email from server: Never” keeps your mail available to your other devices.)",
      },
      picture: {
        frame: "android",
        title: "Outgoing server settings",
        widgets: [
          { kind: "toggle", label: "Require sign-in", on: true, highlight: true },
          { kind: "field", label: "Username", value: "{username}", highlight: true },
          { kind: "field", label: "SMTP server", value: "{outHost}", highlight: true },
          { kind: "field", label: "Port", value: "{outPort}", short: true, highlight: true },
          { kind: "select", label: "Security type", value: "SSL/TLS", highlight: true },
        ],
      },
    },
    {
      id: "finish",
      title: "Finish",
      text: "Choose how often to check for mail, tap “Next”, type your name as others should see it and tap “Next” again.",
      picture: {
        frame: "android",
        title: "Account options",
        widgets: [
          { kind: "select", label: "Sync frequency", value: "Every 15 minutes" },
          { kind: "checkbox", label: "Notify me when email arrives", checked: true },
          { kind: "field", label: "Your name", value: "{name}", highlight: true },
          { kind: "buttons", items: [{ label: "Next", primary: true, highlight: true }] },
        ],
      },
    },
  ],
};
