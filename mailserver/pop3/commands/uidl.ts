import type { Pop3Command } from "../command";
import { listingCommand } from "./listing";

/** RFC 1939 UIDL [msg]: unique ids that stay the same across sessions. */
export const uidl: Pop3Command = listingCommand("UIDL", (m) => m.uidl);
