// The walkthrough content model: every client's steps are DATA, not code.
//
// Shape: ClientWalkthrough → steps[] → { id, title, text, picture }. A picture is a
// PictureSpec: which dialog look to draw (`frame`: Windows XP, Vista, Fluent, macOS, iOS,
// Android, Thunderbird) and a top-to-bottom list of widgets (fields, check boxes, menus,
// buttons …). The SVG drawer (lib/server/walkthrough/picture/) turns a spec into a picture;
// nothing client-specific lives in the drawer.
//
// Customer values are tokens in braces, replaced when a walkthrough is built for one
// customer (see WalkthroughValues / substituteTokens): {address} {name} {username}
// {inProtocol} {inHost} {inPort} {outHost} {outPort}. Values come only from
// getConnectionSettings(); the data never contains a host name or a port number.
//
// Protocol: a widget or step may carry `when: "POP3" | "IMAP"` and any text may be a
// { IMAP, POP3 } pair, so one walkthrough follows the customer's chosen protocol.
//
// Admin-editable text (issue 4 point 7): a step is addressed by (clientId, stepId), both
// stable slugs, and the protocol it is shown for (defaults may differ per protocol). Rows of
// the WalkthroughTextOverride table { clientId, stepId, protocol, title, text } replace that
// step's default title and text (tokens allowed); staff edit them on /admin/walkthrough-texts
// (lib/server/walkthrough/step-text-overrides.ts). Pictures stay code-reviewed data: staff
// edit words, not dialog drawings.
import type { MailProtocol } from "@/lib/generated/prisma/enums";

export type ClientId =
  | "outlook-express"
  | "windows-mail-vista"
  | "outlook-2003"
  | "outlook-2007"
  | "outlook"
  | "thunderbird"
  | "apple-mail"
  | "iphone"
  | "android-gmail"
  | "android-thunderbird"
  | "windows-mail";

export type Platform = "windows" | "mac" | "iphone" | "android" | "any";

/** A text that may differ with the chosen protocol. */
export type ProtocolText = string | { IMAP: string; POP3: string };

export type FrameStyle = "xp" | "vista" | "fluent" | "macos" | "ios" | "android" | "thunderbird";

type WidgetBase = { when?: MailProtocol; highlight?: boolean };

export type Widget = WidgetBase &
  (
    | { kind: "heading"; text: ProtocolText }
    | { kind: "para"; text: ProtocolText }
    | { kind: "field"; label: ProtocolText; value: ProtocolText; short?: boolean; secret?: boolean }
    | { kind: "checkbox"; label: ProtocolText; checked: boolean }
    | { kind: "toggle"; label: ProtocolText; on: boolean }
    | { kind: "radio"; label?: ProtocolText; options: string[]; selected: ProtocolText }
    | { kind: "select"; label: ProtocolText; value: ProtocolText }
    | { kind: "list"; label?: ProtocolText; items: string[]; selected: ProtocolText }
    | { kind: "tabs"; items: string[]; active: ProtocolText }
    | { kind: "section"; text: ProtocolText }
    | { kind: "menu"; bar: string[]; open: string; entries: string[]; selected: string }
    | { kind: "buttons"; items: Array<{ label: string; primary?: boolean; highlight?: boolean }> }
  );

export type PictureSpec = {
  frame: FrameStyle;
  /** Window or screen title as the client shows it. */
  title: ProtocolText;
  widgets: Widget[];
};

export type StepContent = {
  /** Stable slug: the key for admin overrides and PNG file names. */
  id: string;
  title: ProtocolText;
  /** What to do, in plain words, shown beside the picture. */
  text: ProtocolText;
  picture: PictureSpec;
  when?: MailProtocol;
};

export type Security = "IMPLICIT_TLS" | "STARTTLS";
export type TlsVersion = "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3";

export type ClientWalkthrough = {
  id: ClientId;
  name: string;
  platform: Platform;
  /** One line under the name in the chooser. */
  summary: string;
  /** Which of our endpoints this client is told to use, per its own options. */
  security: { incoming: Security; outgoing: Security };
  /**
   * The newest TLS version the client can negotiate (on the operating system it ships with).
   * Compared with MAIL_MIN_TLS to decide whether the walkthrough can work at all.
   */
  maxTls: TlsVersion;
  /**
   * Set when the client cannot connect to our servers whatever MAIL_MIN_TLS says (e.g. its
   * ciphers are all ones we never offer): shown first, in place of the TLS-version note.
   */
  neverConnects?: string;
  /** Plain-words notes on what the client can and cannot do with our servers ({tokens} allowed). */
  notes: string[];
  /** For a client that may be too old: what to use instead. */
  alternative?: ClientId;
  steps: StepContent[];
};

export type StepTextOverride = {
  clientId: string;
  stepId: string;
  protocol: MailProtocol;
  title: string;
  text: string;
};
