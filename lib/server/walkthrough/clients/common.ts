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

export const LEGACY_SSL_REASONING =
  // For the reasoning behind these notes see the comment block in outlook-express.ts.
  "Its “SSL” boxes must be ticked for both servers, with the ports shown: that is the setting it understands.";
