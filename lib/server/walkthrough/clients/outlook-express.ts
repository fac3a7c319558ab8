import type { ClientWalkthrough } from "../content-model";
import { wizardButtons } from "./common";
import {
  ACCOUNT_MANAGER_TABS,
  accountManagerMenuStep,
  accountManagerPortsStep,
  wizardPageStep,
} from "./legacy-microsoft";

// Outlook Express 6 (Windows XP; the last version). Its "SSL" boxes: see legacy-microsoft.ts.
// TLS comes from Windows XP's Schannel, which stops at TLS 1.0 and, for TLS 1.0, offers only
// RC4 and 3DES cipher suites (AES came to Schannel with Vista). Our servers require TLS 1.2 by
// default (MAIL_MIN_TLS); lowering MAIL_MIN_TLS to TLSv1 allows the protocol version but our
// servers still offer no RC4 or 3DES suite (OpenSSL 3's DEFAULT list has neither, even at
// @SECLEVEL=0), so Outlook Express cannot connect in any configuration: `neverConnects` says so.
const wizard = { frame: "xp", title: "Internet Connection Wizard" } as const;

export const outlookExpress: ClientWalkthrough = {
  id: "outlook-express",
  name: "Outlook Express",
  platform: "windows",
  summary: "Windows XP and older. Too old for today's encryption.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1",
  neverConnects:
    "Outlook Express cannot connect to our servers. It runs on Windows XP, whose encryption stops at TLS 1.0 with old ciphers (RC4, 3DES). Our servers require TLS 1.2 by default, and even when the operator allows TLS 1.0 for old programs (the MAIL_MIN_TLS setting) they do not offer those old ciphers. The steps below are kept for reference only.",
  alternative: "thunderbird",
  notes: [
    "Please use Thunderbird instead: it is free, runs on the same computer (up to its last Windows XP version) and has its own walkthrough.",
    "For reference, the pictures show the one combination Outlook Express understands: the “SSL” box ticked for both servers, with ports {inPort} (incoming) and {outPort} (outgoing).",
  ],
  steps: [
    accountManagerMenuStep(
      {
        id: "open-accounts",
        title: "Open the account list",
        text: "Start Outlook Express. In the menu bar at the top, click “Tools”, then “Accounts…”.",
      },
      { frame: "xp", title: "Inbox - Outlook Express" },
      "Address Book...",
    ),
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
    wizardPageStep(
      {
        id: "your-name",
        title: "Type your name",
        text: "Type the name people should see when you send them mail (we suggest “{name}”; any name is fine), then click “Next”.",
      },
      wizard,
      {
        heading: "Your Name",
        para: "When you send e-mail, your name will appear in the From field of the outgoing message. Type your name as you would like it to appear.",
        widgets: [{ kind: "field", label: "Display name:", value: "{name}", highlight: true }],
        buttons: wizardButtons(),
      },
    ),
    wizardPageStep(
      {
        id: "email-address",
        title: "Type your email address",
        text: "Type your email address exactly: {address}. Click “Next”.",
      },
      wizard,
      {
        heading: "Internet E-mail Address",
        para: "Your e-mail address is the address other people use to send e-mail messages to you.",
        widgets: [{ kind: "field", label: "E-mail address:", value: "{address}", highlight: true }],
        buttons: wizardButtons(),
      },
    ),
    wizardPageStep(
      {
        id: "servers",
        title: "Type the server names",
        text: "Choose “{inProtocol}” in the first list. Incoming mail server: {inHost}. Outgoing mail server: {outHost}. Click “Next”.",
      },
      wizard,
      {
        heading: "E-mail Server Names",
        widgets: [
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
        ],
        buttons: wizardButtons(),
      },
    ),
    wizardPageStep(
      {
        id: "logon",
        title: "Type your user name and password",
        text: "Account name: your whole email address in lower case, {username}. Type your password (capital letters matter). Leave “Secure Password Authentication” unticked. Click “Next”, then “Finish”.",
      },
      wizard,
      {
        heading: "Internet Mail Logon",
        widgets: [
          { kind: "field", label: "Account name:", value: "{username}", highlight: true },
          { kind: "field", label: "Password:", value: "", secret: true },
          { kind: "checkbox", label: "Remember password", checked: true },
          {
            kind: "checkbox",
            label: "Log on using Secure Password Authentication (SPA)",
            checked: false,
          },
        ],
        buttons: wizardButtons(),
      },
    ),
    {
      id: "outgoing-auth",
      title: "Let the outgoing server check your password",
      text: "Back in “Internet Accounts”, select the new account and click “Properties”. On the “Servers” tab, tick “My server requires authentication”.",
      picture: {
        frame: "xp",
        title: "{inHost} Properties",
        widgets: [
          { kind: "tabs", items: ACCOUNT_MANAGER_TABS, active: "Servers" },
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
    accountManagerPortsStep(
      "xp",
      "Open the “Advanced” tab. Outgoing mail (SMTP): {outPort}, tick its SSL box. Incoming mail ({inProtocol}): {inPort}, tick its SSL box.",
    ),
  ],
};
