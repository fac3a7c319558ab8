import type { ClientWalkthrough } from "../content-model";
import { LEAVE_COPY_TEXT, LEGACY_SSL_REASONING, wizardButtons } from "./common";

// What the old Microsoft clients mean by "SSL" (Outlook Express 6, Windows Mail on Vista,
// Outlook 2003 — the same Internet Account Manager lineage; Outlook 2007 differs, see there):
// - Incoming (POP3/IMAP): ticking "This server requires a secure connection (SSL)" switches
//   the port to 995/993 by itself, i.e. TLS from the first byte (implicit TLS). So the
//   customer gets our implicit-TLS endpoint.
// - Outgoing (SMTP): the same box means TLS from the first byte ("wrapper mode") on any port
//   except 25; only on port 25 does the client send STARTTLS. Postfix's TLS_README
//   ("Server-side TLS activation", on smtpd_tls_wrappermode) describes Outlook Express this
//   way, and Google's historic Outlook Express / Outlook 2003 instructions said
//   "port 465, This server requires a secure connection (SSL)". So with our STARTTLS
//   submission port (587) the box would make the client speak TLS to a plain-text greeting
//   and fail; the customer gets our implicit-TLS submission endpoint (465) instead.
// - TLS versions: these clients use Windows' Schannel. Windows XP's Schannel stops at
//   TLS 1.0 (and offers only RC4/3DES ciphers, no AES); Vista's stops at TLS 1.0 (with AES).
//   Our default minimum is TLS 1.2 (MAIL_MIN_TLS), so they cannot connect unless the operator
//   lowers MAIL_MIN_TLS to TLSv1 (and, for XP, also allows 3DES). maxTls below says so, and the
//   walkthrough tells the customer plainly which case applies.
// (Checked from the documentation named above as remembered; no Windows XP/Vista machine was
// available to re-test here.)
export const outlookExpress: ClientWalkthrough = {
  id: "outlook-express",
  name: "Outlook Express",
  platform: "windows",
  summary: "Windows XP and older. Too old for today's encryption.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1",
  alternative: "thunderbird",
  notes: [
    "Outlook Express runs on Windows XP, which cannot use TLS 1.2, the modern encryption our servers normally require. Thunderbird is free, runs on the same computer (up to its last Windows XP version) and has its own walkthrough.",
    LEGACY_SSL_REASONING,
  ],
  steps: [
    {
      id: "open-accounts",
      title: "Open the account list",
      text: "Start Outlook Express. In the menu bar at the top, click “Tools”, then “Accounts…”.",
      picture: {
        frame: "xp",
        title: "Inbox - Outlook Express",
        widgets: [
          {
            kind: "menu",
            bar: ["File", "Edit", "View", "Tools", "Message", "Help"],
            open: "Tools",
            entries: [
              "Send and Receive",
              "Synchronize All",
              "-",
              "Address Book...",
              "Message Rules",
              "-",
              "Options...",
              "Accounts...",
            ],
            selected: "Accounts...",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "add-mail",
      title: "Add a mail account",
      text: "On the “Mail” tab, click “Add” and choose “Mail…”. A wizard opens.",
      picture: {
        frame: "xp",
        title: "Internet Accounts",
        widgets: [
          { kind: "tabs", items: ["All", "Mail", "News", "Directory Service"], active: "Mail" },
          { kind: "list", items: ["(no accounts yet)"], selected: "" },
          {
            kind: "buttons",
            items: [
              { label: "Add ▸", highlight: true },
              { label: "Remove" },
              { label: "Properties" },
            ],
          },
          {
            kind: "list",
            items: ["Mail...", "News...", "Directory Service..."],
            selected: "Mail...",
            highlight: true,
          },
        ],
      },
    },
    {
      id: "your-name",
      title: "Type your name",
      text: "Type the name people should see when you send them mail (we suggest “{name}”; any name is fine), then click “Next”.",
      picture: {
        frame: "xp",
        title: "Internet Connection Wizard",
        widgets: [
          { kind: "heading", text: "Your Name" },
          {
            kind: "para",
            text: "When you send e-mail, your name will appear in the From field of the outgoing message. Type your name as you would like it to appear.",
          },
          { kind: "field", label: "Display name:", value: "{name}", highlight: true },
          wizardButtons(),
        ],
      },
    },
    {
      id: "email-address",
      title: "Type your email address",
      text: "Type your email address exactly: {address}. Click “Next”.",
      picture: {
        frame: "xp",
        title: "Internet Connection Wizard",
        widgets: [
          { kind: "heading", text: "Internet E-mail Address" },
          {
            kind: "para",
            text: "Your e-mail address is the address other people use to send e-mail messages to you.",
          },
          { kind: "field", label: "E-mail address:", value: "{address}", highlight: true },
          wizardButtons(),
        ],
      },
    },
    {
      id: "servers",
      title: "Type the server names",
      text: "Choose “{inProtocol}” in the first list. Incoming mail server: {inHost}. Outgoing mail server: {outHost}. Click “Next”.",
      picture: {
        frame: "xp",
        title: "Internet Connection Wizard",
        widgets: [
          { kind: "heading", text: "E-mail Server Names" },
          {
            kind: "select",
            label: "My incoming mail server is a",
            value: "{inProtocol}",
            highlight: true,
          },
          { kind: "field", label: "Incoming mail server:", value: "{inHost}", highlight: true },
          {
            kind: "para",
            text: "An SMTP server is the server that is used for your outgoing e-mail.",
          },
          {
            kind: "field",
            label: "Outgoing mail (SMTP) server:",
            value: "{outHost}",
            highlight: true,
          },
          wizardButtons(),
        ],
      },
    },
    {
      id: "logon",
      title: "Type your user name and password",
      text: "Account name: your whole email address in lower case, {username}. Type your password (capital letters matter). Leave “Secure Password Authentication” unticked. Click “Next”, then “Finish”.",
      picture: {
        frame: "xp",
        title: "Internet Connection Wizard",
        widgets: [
          { kind: "heading", text: "Internet Mail Logon" },
          { kind: "field", label: "Account name:", value: "{username}", highlight: true },
          { kind: "field", label: "Password:", value: "", secret: true },
          { kind: "checkbox", label: "Remember password", checked: true },
          {
            kind: "checkbox",
            label: "Log on using Secure Password Authentication (SPA)",
            checked: false,
          },
          wizardButtons(),
        ],
      },
    },
    {
      id: "outgoing-auth",
      title: "Let the outgoing server check your password",
      text: "Back in “Internet Accounts”, select the new account and click “Properties”. On the “Servers” tab, tick “My server requires authentication”.",
      picture: {
        frame: "xp",
        title: "{inHost} Properties",
        widgets: [
          {
            kind: "tabs",
            items: ["General", "Servers", "Connection", "Security", "Advanced"],
            active: "Servers",
          },
          { kind: "field", label: "Incoming mail ({inProtocol}):", value: "{inHost}" },
          { kind: "field", label: "Outgoing mail (SMTP):", value: "{outHost}" },
          { kind: "section", text: "Outgoing Mail Server" },
          {
            kind: "checkbox",
            label: "My server requires authentication",
            checked: true,
            highlight: true,
          },
          { kind: "buttons", items: [{ label: "OK" }, { label: "Cancel" }, { label: "Apply" }] },
        ],
      },
    },
    {
      id: "ports",
      title: "Turn on encryption and set the ports",
      text: {
        IMAP: "Open the “Advanced” tab. Outgoing mail (SMTP): {outPort}, tick its SSL box. Incoming mail (IMAP): {inPort}, tick its SSL box. Click “OK”.",
        POP3: `Open the “Advanced” tab. Outgoing mail (SMTP): {outPort}, tick its SSL box. Incoming mail (POP3): {inPort}, tick its SSL box. ${LEAVE_COPY_TEXT} Click “OK”.`,
      },
      picture: {
        frame: "xp",
        title: "{inHost} Properties",
        widgets: [
          {
            kind: "tabs",
            items: ["General", "Servers", "Connection", "Security", "Advanced"],
            active: "Advanced",
          },
          { kind: "section", text: "Server Port Numbers" },
          {
            kind: "field",
            label: "Outgoing mail (SMTP):",
            value: "{outPort}",
            short: true,
            highlight: true,
          },
          {
            kind: "checkbox",
            label: "This server requires a secure connection (SSL)",
            checked: true,
            highlight: true,
          },
          {
            kind: "field",
            label: "Incoming mail ({inProtocol}):",
            value: "{inPort}",
            short: true,
            highlight: true,
          },
          {
            kind: "checkbox",
            label: "This server requires a secure connection (SSL)",
            checked: true,
            highlight: true,
          },
          { kind: "section", text: "Delivery", when: "POP3" },
          {
            kind: "checkbox",
            label: "Leave a copy of messages on server",
            checked: true,
            highlight: true,
            when: "POP3",
          },
          {
            kind: "buttons",
            items: [{ label: "OK", highlight: true }, { label: "Cancel" }, { label: "Apply" }],
          },
        ],
      },
    },
  ],
};
