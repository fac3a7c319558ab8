// CREATE, with CREATE-SPECIAL-USE (RFC 6154 §3): CREATE name (USE (\Archive)).
import { createFolder } from "@/lib/server/imap/folders";
import { AUTHENTICATED, no, ok, type ImapCommand } from "../command";
import { ParseError, atomValue } from "../tokens";

export const create: ImapCommand = {
  name: "CREATE",
  states: AUTHENTICATED,
  async handle(session, args) {
    const name = args.mailbox().replace(/\/$/, "");
    const params = args.optionalList() ?? [];
    args.end();
    let specialUse: string | null = null;
    for (let i = 0; i < params.length; i += 2) {
      const value = params[i + 1];
      if (atomValue(params[i])?.toUpperCase() !== "USE" || value?.type !== "list")
        throw new ParseError("Unknown CREATE parameter");
      if (value.items.length > 1) return no("Only one special use per folder", "USEATTR");
      specialUse = atomValue(value.items[0]);
    }
    try {
      await createFolder({ mailboxId: session.mailbox!.id, name, specialUse });
    } catch (error) {
      if (specialUse && (error as { code?: string }).code === "INVALID_INPUT")
        return no("Unsupported special-use attribute", "USEATTR");
      throw error;
    }
    return ok("CREATE completed");
  },
};
