// Bits several clients' steps share. Only words and widget shapes: never a value.
import type { Widget } from "../content-model";

export const wizardButtons = (highlightNext = false): Widget => ({
  kind: "buttons",
  items: [
    { label: "< Back" },
    { label: "Next >", primary: true, highlight: highlightNext },
    { label: "Cancel" },
  ],
});

/** POP3 moves mail to one computer; keeping a copy lets the customer's other devices see it too. */
export const LEAVE_COPY_TEXT =
  "Because you chose POP3, tick “Leave a copy of messages on the server”. Your mail then also stays on our server for a while, so a phone or another computer can still fetch it.";

/** The first providers Apple's Mail (Mac, iPhone, iPad) lists when adding an account. */
export const APPLE_PROVIDERS = ["iCloud", "Microsoft Exchange", "Google", "Yahoo!", "AOL"];
