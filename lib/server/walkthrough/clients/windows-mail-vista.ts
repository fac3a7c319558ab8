import type { ClientWalkthrough, Widget } from "../content-model";
import {
  accountManagerMenuStep,
  accountManagerPortsStep,
  wizardPageStep,
} from "./legacy-microsoft";

// Windows Mail is Outlook Express rebuilt for Vista: the same account wizard as separate
// pages, the same meaning of the "SSL" boxes (see legacy-microsoft.ts). TLS comes from Vista's
// Schannel, which stops at TLS 1.0 (with AES cipher suites, unlike XP). Our servers require
// TLS 1.2 by default; only when the operator sets MAIL_MIN_TLS=TLSv1 can it connect.
const next: Widget = {
  kind: "buttons",
  items: [{ label: "Next", primary: true }, { label: "Cancel" }],
};
const vista = (title: string) => ({ frame: "vista", title }) as const;

export const windowsMailVista: ClientWalkthrough = {
  id: "windows-mail-vista",
  name: "Windows Mail (Windows Vista)",
  platform: "windows",
  summary: "The mail program of Windows Vista. Too old for today's encryption.",
  security: { incoming: "IMPLICIT_TLS", outgoing: "IMPLICIT_TLS" },
  maxTls: "TLSv1",
  alternative: "thunderbird",
  notes: [
    "Windows Mail runs on Windows Vista, whose encryption stops at TLS 1.0. Our servers require TLS 1.2 by default, so Windows Mail connects only while the operator allows TLS 1.0 for old programs (the MAIL_MIN_TLS setting). Thunderbird is free and has its own walkthrough.",
    "When it can connect, the combination it understands is the one in the pictures: the “SSL” box ticked for both servers, with ports {inPort} (incoming) and {outPort} (outgoing).",
  ],
  steps: [
    accountManagerMenuStep(
      {
        id: "open-accounts",
        title: "Open the account list",
        text: "Start Windows Mail. Click “Tools” in the menu bar, then “Accounts…”. (If you do not see the menu bar, press the Alt key.)",
      },
      vista("Inbox - Windows Mail"),
      "Windows Contacts...",
    ),
    wizardPageStep(
      {
        id: "account-type",
        title: "Add an e-mail account",
        text: "Click “Add…”, choose “E-mail Account” and click “Next”.",
      },
      vista("Select Account Type"),
      {
        heading: "What type of account would you like to add?",
        widgets: [
          {
            kind: "list",
            items: ["E-mail Account", "Newsgroup Account", "Directory Service"],
            selected: "E-mail Account",
            highlight: true,
          },
        ],
        buttons: next,
      },
    ),
    wizardPageStep(
      {
        id: "your-name",
        title: "Type your name",
        text: "Type the name people should see on your mail (for example “{name}”) and click “Next”.",
      },
      vista("Your Name"),
      {
        heading: "Your Name",
        para: "When you send e-mail, your name will appear in the From field of the outgoing message.",
        widgets: [{ kind: "field", label: "Display name:", value: "{name}", highlight: true }],
        buttons: next,
      },
    ),
    wizardPageStep(
      {
        id: "email-address",
        title: "Type your email address",
        text: "Type {address} and click “Next”.",
      },
      vista("Internet E-mail Address"),
      {
        heading: "Internet E-mail Address",
        widgets: [{ kind: "field", label: "E-mail address:", value: "{address}", highlight: true }],
        buttons: next,
      },
    ),
    wizardPageStep(
      {
        id: "servers",
        title: "Type the server names",
        text: "Incoming server type: {inProtocol}. Incoming mail server: {inHost}. Outgoing mail server: {outHost}. Tick “Outgoing server requires authentication”. Click “Next”.",
      },
      vista("Set up e-mail servers"),
      {
        heading: "Set up e-mail servers",
        widgets: [
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
        ],
        buttons: next,
      },
    ),
    wizardPageStep(
      {
        id: "logon",
        title: "Type your user name and password",
        text: "E-mail username: {username} (your whole address). Type your password; capital letters matter. Click “Next”.",
      },
      vista("Internet Mail Logon"),
      {
        heading: "Internet Mail Logon",
        widgets: [
          { kind: "field", label: "E-mail username:", value: "{username}", highlight: true },
          { kind: "field", label: "Password:", value: "", secret: true },
          { kind: "checkbox", label: "Remember password", checked: true },
        ],
        buttons: next,
      },
    ),
    wizardPageStep(
      {
        id: "finish",
        title: "Finish without downloading yet",
        text: "Tick “Do not download my e-mail at this time” (the ports still need setting), then click “Finish”.",
      },
      vista("Congratulations"),
      {
        heading: "Congratulations",
        para: "You have successfully entered all of the information required to set up your account.",
        widgets: [
          {
            kind: "checkbox",
            label: "Do not download my e-mail at this time",
            checked: true,
            highlight: true,
          },
        ],
        buttons: {
          kind: "buttons",
          items: [{ label: "Finish", primary: true, highlight: true }, { label: "Cancel" }],
        },
      },
    ),
    accountManagerPortsStep(
      "vista",
      "Select the account, click “Properties”, open “Advanced”. Outgoing (SMTP): {outPort} with its SSL box ticked. Incoming ({inProtocol}): {inPort} with its SSL box ticked.",
    ),
  ],
};
