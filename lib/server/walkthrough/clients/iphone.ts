import type { ClientWalkthrough } from "../content-model";
import { APPLE_PROVIDERS } from "./common";

// iPhone/iPad Mail (iOS/iPadOS). The profile on the walkthrough page does all of this in one
// go. Manually, iOS sets up the servers first and hides ports and "Use SSL" under Advanced;
// "Use SSL" there means TLS from the first byte.
export const iphone: ClientWalkthrough = {
  id: "iphone",
  name: "iPhone / iPad Mail",
  platform: "iphone",
  summary: "The Mail app on an iPhone or iPad. A one-tap profile is also available.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1.3",
  notes: [
    "Works fully with our servers. The quickest way: scan the QR code on this page with the phone's camera, install the profile, and type your password when asked.",
  ],
  steps: [
    {
      id: "mail-accounts",
      title: "Open Mail accounts",
      text: "Open Settings, tap “Apps” (on older iPhones skip this), then “Mail”, “Mail Accounts”, “Add Account”.",
      picture: {
        frame: "ios",
        title: "Mail Accounts",
        widgets: [
          { kind: "section", text: "Accounts" },
          {
            kind: "list",
            items: ["iCloud", "Add Account"],
            selected: "Add Account",
            highlight: true,
          },
          { kind: "field", label: "Fetch New Data", value: "Push  ›" },
        ],
      },
    },
    {
      id: "other",
      title: "Choose “Other”",
      text: "At the bottom of the list tap “Other”, then “Add Mail Account”.",
      picture: {
        frame: "ios",
        title: "Add Account",
        widgets: [
          {
            kind: "list",
            items: [...APPLE_PROVIDERS, "Outlook.com", "Other"],
            selected: "Other",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "new-account",
      title: "Name, address and password",
      text: "Type your name, {address}, your password (capital letters matter) and a description. Tap “Next”.",
      picture: {
        frame: "ios",
        title: "New Account",
        widgets: [
          { kind: "field", label: "Name", value: "{name}" },
          { kind: "field", label: "Email", value: "{address}", highlight: true },
          { kind: "field", label: "Password", value: "", secret: true },
          { kind: "field", label: "Description", value: "{address}" },
          { kind: "buttons", items: [{ label: "Cancel" }, { label: "Next", highlight: true }] },
        ],
      },
    },
    {
      id: "servers",
      title: "Choose {inProtocol} and type the servers",
      text: "Tap “{inProtocol}” at the top. Incoming Mail Server: host name {inHost}, user name {username}, your password. Outgoing Mail Server: host name {outHost}, user name {username}, your password. Tap “Next”, then “Save”.",
      picture: {
        frame: "ios",
        title: "New Account",
        widgets: [
          {
            kind: "tabs",
            items: ["IMAP", "POP"],
            active: { IMAP: "IMAP", POP3: "POP" },
            highlight: true,
          },
          { kind: "section", text: "Incoming Mail Server" },
          { kind: "field", label: "Host Name", value: "{inHost}", highlight: true },
          { kind: "field", label: "User Name", value: "{username}", highlight: true },
          { kind: "field", label: "Password", value: "", secret: true },
          { kind: "section", text: "Outgoing Mail Server" },
          { kind: "field", label: "Host Name", value: "{outHost}", highlight: true },
          { kind: "field", label: "User Name", value: "{username}" },
        ],
      },
    },
    {
      id: "advanced-incoming",
      title: "Check the incoming port",
      text: "Tap the new account, “Account”, then “Advanced”. Under “Incoming Settings”: “Use SSL” on, Server Port {inPort}.",
      picture: {
        frame: "ios",
        title: "Advanced",
        widgets: [
          { kind: "section", text: "Incoming Settings" },
          { kind: "toggle", label: "Use SSL", on: true, highlight: true },
          { kind: "field", label: "Authentication", value: "Password  ›" },
          { kind: "field", label: "Server Port", value: "{inPort}", highlight: true },
          { kind: "section", text: "Deleted Messages", when: "POP3" },
          {
            kind: "field",
            label: "Delete from server",
            value: "Never  ›",
            highlight: true,
            when: "POP3",
          },
        ],
      },
    },
    {
      id: "advanced-outgoing",
      title: "Check the outgoing port",
      text: {
        IMAP: "Back in “Account”, tap “SMTP”, then the primary server {outHost}: “Use SSL” on, Server Port {outPort}. Tap “Done”.",
        POP3: "Back in “Account”, tap “SMTP”, then the primary server {outHost}: “Use SSL” on, Server Port {outPort}. Tap “Done”. (On the previous screen keep “Delete from server: Never” so other devices still get your mail.)",
      },
      picture: {
        frame: "ios",
        title: "{outHost}",
        widgets: [
          { kind: "section", text: "Outgoing Mail Server" },
          { kind: "field", label: "Host Name", value: "{outHost}" },
          { kind: "field", label: "User Name", value: "{username}" },
          { kind: "toggle", label: "Use SSL", on: true, highlight: true },
          { kind: "field", label: "Server Port", value: "{outPort}", highlight: true },
          { kind: "buttons", items: [{ label: "Done", highlight: true }] },
        ],
      },
    },
  ],
};
