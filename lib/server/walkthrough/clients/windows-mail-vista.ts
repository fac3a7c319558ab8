import type { ClientWalkthrough, Widget } from "../content-model";
import { LEAVE_COPY_TEXT, LEGACY_SSL_REASONING } from "./common";

// Windows Mail is Outlook Express rebuilt for Vista: same account wizard, same meaning of the
// "SSL" boxes (see outlook-express.ts). Vista's Schannel stops at TLS 1.0.
const next: Widget = {
  kind: "buttons",
  items: [{ label: "Next", primary: true }, { label: "Cancel" }],
};

export const windowsMailVista: ClientWalkthrough = {
  id: "windows-mail-vista",
  name: "Windows Mail (Windows Vista)",
  platform: "windows",
  summary: "The mail program of Windows Vista. Too old for today's encryption.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1",
  alternative: "thunderbird",
  notes: [
    "Windows Mail runs on Windows Vista, which cannot use TLS 1.2, the modern encryption our servers normally require. Thunderbird is free and has its own walkthrough.",
    LEGACY_SSL_REASONING,
  ],
  steps: [
    {
      id: "open-accounts",
      title: "Open the account list",
      text: "Start Windows Mail. Click “Tools” in the menu bar, then “Accounts…”. (If you do not see the menu bar, press the Alt key.)",
      picture: {
        frame: "vista",
        title: "Inbox - Windows Mail",
        widgets: [
          {
            kind: "menu",
            bar: ["File", "Edit", "View", "Tools", "Message", "Help"],
            open: "Tools",
            entries: [
              "Send and Receive",
              "Synchronize All",
              "-",
              "Windows Contacts...",
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
      id: "account-type",
      title: "Add an e-mail account",
      text: "Click “Add…”, choose “E-mail Account” and click “Next”.",
      picture: {
        frame: "vista",
        title: "Select Account Type",
        widgets: [
          { kind: "heading", text: "What type of account would you like to add?" },
          {
            kind: "list",
            items: ["E-mail Account", "Newsgroup Account", "Directory Service"],
            selected: "E-mail Account",
            highlight: true,
          },
          next,
        ],
      },
    },
    {
      id: "your-name",
      title: "Type your name",
      text: "Type the name people should see on your mail (for example “{name}”) and click “Next”.",
      picture: {
        frame: "vista",
        title: "Your Name",
        widgets: [
          { kind: "heading", text: "Your Name" },
          {
            kind: "para",
            text: "When you send e-mail, your name will appear in the From field of the outgoing message.",
          },
          { kind: "field", label: "Display name:", value: "{name}", highlight: true },
          next,
        ],
      },
    },
    {
      id: "email-address",
      title: "Type your email address",
      text: "Type {address} and click “Next”.",
      picture: {
        frame: "vista",
        title: "Internet E-mail Address",
        widgets: [
          { kind: "heading", text: "Internet E-mail Address" },
          { kind: "field", label: "E-mail address:", value: "{address}", highlight: true },
          next,
        ],
      },
    },
    {
      id: "servers",
      title: "Type the server names",
      text: "Incoming server type: {inProtocol}. Incoming mail server: {inHost}. Outgoing mail server: {outHost}. Tick “Outgoing server requires authentication”. Click “Next”.",
      picture: {
        frame: "vista",
        title: "Set up e-mail servers",
        widgets: [
          { kind: "heading", text: "Set up e-mail servers" },
          {
            kind: "select",
            label: "Incoming e-mail server type:",
            value: "{inProtocol}",
            highlight: true,
          },
          { kind: "field", label: "Incoming mail server:", value: "{inHost}", highlight: true },
          {
            kind: "field",
            label: "Outgoing e-mail server (SMTP):",
            value: "{outHost}",
            highlight: true,
          },
          {
            kind: "checkbox",
            label: "Outgoing server requires authentication",
            checked: true,
            highlight: true,
          },
          next,
        ],
      },
    },
    {
      id: "logon",
      title: "Type your user name and password",
      text: "E-mail username: {username} (your whole address). Type your password; capital letters matter. Click “Next”.",
      picture: {
        frame: "vista",
        title: "Internet Mail Logon",
        widgets: [
          { kind: "heading", text: "Internet Mail Logon" },
          { kind: "field", label: "E-mail username:", value: "{username}", highlight: true },
          { kind: "field", label: "Password:", value: "", secret: true },
          { kind: "checkbox", label: "Remember password", checked: true },
          next,
        ],
      },
    },
    {
      id: "finish",
      title: "Finish without downloading yet",
      text: "Tick “Do not download my e-mail at this time” (the ports still need setting), then click “Finish”.",
      picture: {
        frame: "vista",
        title: "Congratulations",
        widgets: [
          { kind: "heading", text: "Congratulations" },
          {
            kind: "para",
            text: "You have successfully entered all of the information required to set up your account.",
          },
          {
            kind: "checkbox",
            label: "Do not download my e-mail at this time",
            checked: true,
            highlight: true,
          },
          {
            kind: "buttons",
            items: [{ label: "Finish", primary: true, highlight: true }, { label: "Cancel" }],
          },
        ],
      },
    },
    {
      id: "ports",
      title: "Turn on encryption and set the ports",
      text: {
        IMAP: "Select the account, click “Properties”, open “Advanced”. Outgoing (SMTP): {outPort} with its SSL box ticked. Incoming (IMAP): {inPort} with its SSL box ticked. Click “OK”.",
        POP3: `Select the account, click “Properties”, open “Advanced”. Outgoing (SMTP): {outPort} with its SSL box ticked. Incoming (POP3): {inPort} with its SSL box ticked. ${LEAVE_COPY_TEXT} Click “OK”.`,
      },
      picture: {
        frame: "vista",
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
