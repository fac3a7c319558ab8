import type { ClientWalkthrough } from "../content-model";

// Thunderbird (desktop). It normally fills everything in from our autoconfig file
// (/.well-known/autoconfig/mail/config-v1.1.xml); the manual steps are for when it does not.
// Its "Connection security" list says "SSL/TLS" for TLS from the first byte.
export const thunderbird: ClientWalkthrough = {
  id: "thunderbird",
  name: "Thunderbird",
  platform: "any",
  summary: "Free, for Windows, Mac and Linux. Sets itself up from your address.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.3",
  notes: [
    "Works fully with our servers, and usually finds every setting by itself after you type your address and password.",
  ],
  steps: [
    {
      id: "open",
      title: "Start adding an account",
      text: "On first start Thunderbird opens the account set-up by itself. Otherwise open the menu (☰), “Account Settings”, “Account Actions”, “Add Mail Account…”.",
      picture: {
        frame: "thunderbird",
        title: "Account Settings",
        widgets: [
          {
            kind: "list",
            label: "Account Actions",
            items: [
              "Add Mail Account…",
              "Add Chat Account…",
              "Add Feed Account…",
              "Set as Default",
              "Remove Account",
            ],
            selected: "Add Mail Account…",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "address",
      title: "Your name, address and password",
      text: "Type your name, your email address {address} and your password. Click “Continue”.",
      picture: {
        frame: "thunderbird",
        title: "Account Setup",
        widgets: [
          { kind: "heading", text: "Set Up Your Existing Email Address" },
          { kind: "field", label: "Your full name", value: "{name}" },
          { kind: "field", label: "Email address", value: "{address}", highlight: true },
          { kind: "field", label: "Password", value: "", secret: true, highlight: true },
          { kind: "checkbox", label: "Remember password", checked: true },
          {
            kind: "buttons",
            items: [
              { label: "Configure manually" },
              { label: "Continue", primary: true, highlight: true },
            ],
          },
        ],
      },
    },
    {
      id: "found",
      title: "Pick {inProtocol}",
      text: "Thunderbird shows the configuration it found for {address}. Choose “{inProtocol}” and click “Done”. If it found nothing, click “Configure manually” and follow the next steps.",
      picture: {
        frame: "thunderbird",
        title: "Account Setup",
        widgets: [
          { kind: "heading", text: "Configuration found at email provider" },
          {
            kind: "radio",
            label: "Available configurations",
            options: [
              "IMAP  Keep your folders and emails synced on your server",
              "POP3  Keep your folders and emails on your computer",
            ],
            selected: {
              IMAP: "IMAP  Keep your folders and emails synced on your server",
              POP3: "POP3  Keep your folders and emails on your computer",
            },
            highlight: true,
          },
          {
            kind: "para",
            text: "Incoming {inProtocol} {inHost} SSL/TLS · Outgoing SMTP {outHost} SSL/TLS",
          },
          {
            kind: "buttons",
            items: [
              { label: "Configure manually" },
              { label: "Done", primary: true, highlight: true },
            ],
          },
        ],
      },
    },
    {
      id: "manual-incoming",
      title: "Only if needed: incoming server by hand",
      text: "Incoming server: protocol {inProtocol}, hostname {inHost}, port {inPort}, connection security “SSL/TLS”, authentication “Normal password”, username {username}.",
      picture: {
        frame: "thunderbird",
        title: "Account Setup",
        widgets: [
          { kind: "section", text: "INCOMING SERVER" },
          { kind: "select", label: "Protocol:", value: "{inProtocol}", highlight: true },
          { kind: "field", label: "Hostname:", value: "{inHost}", highlight: true },
          { kind: "field", label: "Port:", value: "{inPort}", short: true, highlight: true },
          { kind: "select", label: "Connection security:", value: "SSL/TLS", highlight: true },
          { kind: "select", label: "Authentication method:", value: "Normal password" },
          { kind: "field", label: "Username:", value: "{username}", highlight: true },
        ],
      },
    },
    {
      id: "manual-outgoing",
      title: "Only if needed: outgoing server by hand",
      text: "Outgoing server: hostname {outHost}, port {outPort}, connection security “SSL/TLS”, authentication “Normal password”, username {username}. Click “Re-test”, then “Done”.",
      picture: {
        frame: "thunderbird",
        title: "Account Setup",
        widgets: [
          { kind: "section", text: "OUTGOING SERVER" },
          { kind: "field", label: "Hostname:", value: "{outHost}", highlight: true },
          { kind: "field", label: "Port:", value: "{outPort}", short: true, highlight: true },
          { kind: "select", label: "Connection security:", value: "SSL/TLS", highlight: true },
          { kind: "select", label: "Authentication method:", value: "Normal password" },
          { kind: "field", label: "Username:", value: "{username}", highlight: true },
          {
            kind: "buttons",
            items: [{ label: "Re-test" }, { label: "Done", primary: true, highlight: true }],
          },
        ],
      },
    },
    {
      id: "leave-on-server",
      when: "POP3",
      title: "Keep a copy on the server",
      text: "Open “Account Settings”, then “Server Settings” under your account. Tick “Leave messages on server” so your phone or another computer can fetch them too.",
      picture: {
        frame: "thunderbird",
        title: "Account Settings",
        widgets: [
          { kind: "heading", text: "Server Settings" },
          { kind: "field", label: "Server Name:", value: "{inHost}" },
          { kind: "field", label: "Port:", value: "{inPort}", short: true },
          { kind: "checkbox", label: "Leave messages on server", checked: true, highlight: true },
          { kind: "checkbox", label: "Until I delete them", checked: true },
        ],
      },
    },
  ],
};
