import type { Pop3Command } from "../command";
import { listingCommand } from "./listing";

/** RFC 1939 LIST [msg]: message sizes in octets. */
export const list: Pop3Command = listingCommand("LIST", (m) => String(m.size));
