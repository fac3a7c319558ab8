// Step builders shared by the old Microsoft clients (Outlook Express, Windows Mail on Vista,
// Outlook 2003, Outlook 2007). Their dialogs come from two families: the Internet Account
// Manager (Outlook Express, and Windows Mail which is its Vista rebuild) and Outlook's own
// "Internet E-mail Settings". Within a family the screens share their layout; what differs
// per client (window frame, titles, labels, button rows, field order) is passed in, so each
// picture stays faithful to its own client.
//
// What the "SSL" choices mean, and why every one of these clients gets our implicit-TLS ports
// (993/995 incoming, 465 outgoing) with SSL ticked:
// - Incoming (POP3/IMAP): "This server requires a secure connection (SSL)" (Outlook Express,
//   Windows Mail) or "... an encrypted connection (SSL)" (Outlook 2003/2007) means TLS from
//   the first byte on the port typed in; ticking it proposes 995 (POP3) or 993 (IMAP).
// - Outgoing (SMTP): in Outlook Express, Windows Mail and Outlook 2003 the same box also means
//   TLS from the first byte on the port typed in, so with SSL ticked the port must be 465, our
//   implicit-TLS submission port; on 587 (STARTTLS) it would start TLS before our plain-text
//   greeting and fail. Postfix's TLS_README ("smtpd_tls_wrappermode") describes Outlook Express
//   this way, and the large providers' old Outlook Express / Outlook 2003 guides said "port
//   465, This server requires a secure connection (SSL)".
//   The exception is port 25, where Outlook Express sends STARTTLS when the box is ticked
//   (support.moonpoint.com/network/email/clients/outlook-express/outlook-express6-tls.php: OE 6,
//   port 25, box ticked, against a STARTTLS sendmail); ISPs' Outlook 2002/2003 guides give
//   "both SSL boxes, 995 and 465" (support.tigertech.net/outlook-2002-ssl).
// - Outlook 2007 has, instead of the outgoing box (and the IMAP incoming box), "Use the
//   following type of encrypted connection: None / SSL / TLS / Auto": "SSL" is TLS from the
//   first byte, "TLS" is STARTTLS. For POP3 its incoming server keeps the box "This server
//   requires an encrypted connection (SSL)", as later Outlook versions still do. We show "SSL"
//   with the implicit-TLS ports, the one combination that works the same everywhere.
// - TLS versions come from Windows' Schannel underneath, see the notes in each client file.
// (Written from the documentation named above and from memory of those dialogs; no Windows
// XP/Vista machine or Office 2003/2007 was at hand to re-check.)
import type { MailProtocol } from "@/lib/generated/prisma/enums";
import type { FrameStyle, PictureSpec, ProtocolText, StepContent, Widget } from "../content-model";
import { LEAVE_COPY_TEXT } from "./common";

type StepWords = { id: string; title: ProtocolText; text: ProtocolText };

const step = (words: StepWords, picture: PictureSpec, when?: MailProtocol): StepContent => ({
  ...words,
  picture,
  ...(when ? { when } : {}),
});

/** The main window's menu, opened on the entry that leads to the accounts. */
export function menuStep(
  words: StepWords,
  window: { frame: FrameStyle; title: string },
  menu: { bar: string[]; open: string; entries: string[]; selected: string },
): StepContent {
  return step(words, { ...window, widgets: [{ kind: "menu", ...menu, highlight: true }] });
}

/** One page of an account wizard: a heading, perhaps a sentence, the fields, the buttons. */
export function wizardPageStep(
  words: StepWords,
  window: { frame: FrameStyle; title: string },
  page: { heading: string; para?: string; widgets: Widget[]; buttons: Widget },
): StepContent {
  const para: Widget[] = page.para ? [{ kind: "para", text: page.para }] : [];
  return step(words, {
    ...window,
    widgets: [{ kind: "heading", text: page.heading }, ...para, ...page.widgets, page.buttons],
  });
}

/** A ticked "requires a secure/encrypted connection (SSL)" box: TLS from the first byte. */
export const sslBox = (label: string): Widget => ({
  kind: "checkbox",
  label,
  checked: true,
  highlight: true,
});

/**
 * Outlook 2007's list: "SSL" = TLS from the first byte, "TLS" = STARTTLS (see above). Its long
 * label stands on its own line, as in the dialog, with the list below it.
 */
export const encryptionTypeList: Widget[] = [
  { kind: "para", text: "Use the following type of encrypted connection:" },
  { kind: "select", label: "", value: "SSL", highlight: true },
];

const portField = (label: string, value: string): Widget => ({
  kind: "field",
  label,
  value,
  short: true,
  highlight: true,
});

/** The words of the ports step: the POP3 variant adds the leave-a-copy advice. */
export function portsWords(id: string, sentences: ProtocolText, closing: string): StepWords {
  const said = typeof sentences === "string" ? { IMAP: sentences, POP3: sentences } : sentences;
  return {
    id,
    title: "Turn on encryption and set the ports",
    text: {
      IMAP: `${said.IMAP} ${closing}`,
      POP3: `${said.POP3} ${LEAVE_COPY_TEXT} ${closing}`,
    },
  };
}

/**
 * The account's "Advanced" tab with the server port numbers, each port with its encryption
 * control, and for POP3 the leave-a-copy box. The Internet Account Manager lists the outgoing
 * server first; Outlook lists the incoming one first.
 */
export function advancedPortsStep(
  words: StepWords,
  dialog: {
    frame: FrameStyle;
    title: string;
    tabs: string[];
    outgoingFirst: boolean;
    incoming: { label: string; encryption: Widget[] };
    outgoing: { label: string; encryption: Widget[] };
    leaveCopyLabel: string;
    buttons: string[];
  },
): StepContent {
  const incoming = [portField(dialog.incoming.label, "{inPort}"), ...dialog.incoming.encryption];
  const outgoing = [portField(dialog.outgoing.label, "{outPort}"), ...dialog.outgoing.encryption];
  return step(words, {
    frame: dialog.frame,
    title: dialog.title,
    widgets: [
      { kind: "tabs", items: dialog.tabs, active: "Advanced" },
      { kind: "section", text: "Server Port Numbers" },
      ...(dialog.outgoingFirst ? [...outgoing, ...incoming] : [...incoming, ...outgoing]),
      { kind: "section", text: "Delivery", when: "POP3" },
      {
        kind: "checkbox",
        label: dialog.leaveCopyLabel,
        checked: true,
        highlight: true,
        when: "POP3",
      },
      {
        kind: "buttons",
        items: dialog.buttons.map((label, i) => ({ label, highlight: i === 0 })),
      },
    ],
  });
}

export const OUTLOOK_SETTINGS_TABS = ["General", "Outgoing Server", "Connection", "Advanced"];

/** Outlook 2003/2007's "Outgoing Server" tab: SMTP AUTH with the incoming server's login. */
export function outlookOutgoingAuthStep(frame: FrameStyle, text: string): StepContent {
  return step(
    { id: "outgoing-auth", title: "Let the outgoing server check your password", text },
    {
      frame,
      title: "Internet E-mail Settings",
      widgets: [
        { kind: "tabs", items: OUTLOOK_SETTINGS_TABS, active: "Outgoing Server" },
        {
          kind: "checkbox",
          label: "My outgoing server (SMTP) requires authentication",
          checked: true,
          highlight: true,
        },
        {
          kind: "radio",
          options: ["Use same settings as my incoming mail server", "Log on using"],
          selected: "Use same settings as my incoming mail server",
        },
        { kind: "buttons", items: [{ label: "OK" }, { label: "Cancel" }] },
      ],
    },
  );
}

/**
 * Outlook's "Internet E-mail Settings" page: user, server and logon information. Outlook 2003
 * names the protocol in the incoming server's label (it was chosen on the page before);
 * Outlook 2007 has an "Account Type" list instead.
 */
export function outlookAccountFields(variant: {
  accountTypeList: boolean;
  spaLabel: string;
  rememberPassword: boolean;
}): Widget[] {
  const server: Widget[] = variant.accountTypeList
    ? [
        { kind: "select", label: "Account Type:", value: "{inProtocol}", highlight: true },
        { kind: "field", label: "Incoming mail server:", value: "{inHost}", highlight: true },
      ]
    : [
        {
          kind: "field",
          label: "Incoming mail server ({inProtocol}):",
          value: "{inHost}",
          highlight: true,
        },
      ];
  return [
    { kind: "section", text: "User Information" },
    { kind: "field", label: "Your Name:", value: "{name}" },
    { kind: "field", label: "E-mail Address:", value: "{address}", highlight: true },
    { kind: "section", text: "Server Information" },
    ...server,
    { kind: "field", label: "Outgoing mail server (SMTP):", value: "{outHost}", highlight: true },
    { kind: "section", text: "Logon Information" },
    { kind: "field", label: "User Name:", value: "{username}", highlight: true },
    { kind: "field", label: "Password:", value: "", secret: true },
    ...(variant.rememberPassword
      ? [{ kind: "checkbox", label: "Remember password", checked: true } satisfies Widget]
      : []),
    { kind: "checkbox", label: variant.spaLabel, checked: false },
  ];
}

/** The Internet Account Manager's tabs (Outlook Express, Windows Mail on Vista). */
export const ACCOUNT_MANAGER_TABS = ["General", "Servers", "Connection", "Security", "Advanced"];
const ACCOUNT_MANAGER_SSL = "This server requires a secure connection (SSL)";

/** The account's "Advanced" tab in Outlook Express and Windows Mail: SMTP listed first. */
export function accountManagerPortsStep(frame: FrameStyle, sentences: string): StepContent {
  return advancedPortsStep(portsWords("ports", sentences, "Click “OK”."), {
    frame,
    title: "{inHost} Properties",
    tabs: ACCOUNT_MANAGER_TABS,
    outgoingFirst: true,
    incoming: { label: "Incoming mail ({inProtocol}):", encryption: [sslBox(ACCOUNT_MANAGER_SSL)] },
    outgoing: { label: "Outgoing mail (SMTP):", encryption: [sslBox(ACCOUNT_MANAGER_SSL)] },
    leaveCopyLabel: "Leave a copy of messages on server",
    buttons: ["OK", "Cancel", "Apply"],
  });
}

/** Outlook 2003/2007's "Advanced" tab: the incoming server first, each with its encryption. */
export function outlookPortsStep(
  frame: FrameStyle,
  sentences: ProtocolText,
  encryption: { incoming: Widget[]; outgoing: Widget[] },
): StepContent {
  return advancedPortsStep(portsWords("ports", sentences, "Click “OK”."), {
    frame,
    title: "Internet E-mail Settings",
    tabs: OUTLOOK_SETTINGS_TABS,
    outgoingFirst: false,
    incoming: { label: "Incoming server ({inProtocol}):", encryption: encryption.incoming },
    outgoing: { label: "Outgoing server (SMTP):", encryption: encryption.outgoing },
    leaveCopyLabel: "Leave a copy of messages on the server",
    buttons: ["OK", "Cancel"],
  });
}

/** The main window's "Tools" menu of Outlook Express and Windows Mail, on "Accounts...". */
export function accountManagerMenuStep(
  words: StepWords,
  window: { frame: FrameStyle; title: string },
  addressBook: string,
): StepContent {
  return menuStep(words, window, {
    bar: ["File", "Edit", "View", "Tools", "Message", "Help"],
    open: "Tools",
    entries: [
      "Send and Receive",
      "Synchronize All",
      "-",
      addressBook,
      "Message Rules",
      "-",
      "Options...",
      "Accounts...",
    ],
    selected: "Accounts...",
  });
}

/** Outlook 2003/2007's main window "Tools" menu, opened on the entry for the accounts. */
export function outlookToolsMenuStep(
  words: StepWords,
  frame: FrameStyle,
  menu: { entries: string[]; selected: string },
): StepContent {
  return menuStep(
    words,
    { frame, title: "Inbox - Microsoft Outlook" },
    { bar: ["File", "Edit", "View", "Go", "Tools", "Actions", "Help"], open: "Tools", ...menu },
  );
}

/**
 * What Outlook 2003 and 2007 can do against us: they take TLS from Windows (see
 * outlook-2003.ts for the Windows versions and settings behind each sentence).
 */
export function outlookWindowsTlsNote(name: string): string {
  return `${name} uses the encryption of the Windows it runs on, and our servers require TLS 1.2 by default. On Windows 8, 10 or 11 that works. On Windows 7, TLS 1.2 must first be switched on for Windows' own encryption (ask whoever looks after your computer). On Windows XP or Vista it only reaches TLS 1.0: it can connect from Vista only while the operator allows TLS 1.0 for old programs (the MAIL_MIN_TLS setting), and from XP not at all. Thunderbird is free and works everywhere.`;
}
