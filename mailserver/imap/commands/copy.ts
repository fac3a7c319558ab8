// COPY and MOVE (RFC 6851), answering with UIDPLUS COPYUID.
import { copyMessages } from "@/lib/server/imap/copy-messages";
import { findFolder } from "@/lib/server/imap/folders";
import { no, ok, SELECTED, type Outcome, type ImapCommand, type CommandContext } from "../command";
import { compressSet } from "../sequence-set";
import type { ImapSession } from "../session";
import type { Args } from "../tokens";

async function transfer(
  session: ImapSession,
  args: Args,
  ctx: CommandContext,
  move: boolean,
): Promise<Outcome> {
  const selected = session.selected!;
  const uids = selected.resolve(args.atom(), ctx.uid);
  const name = args.mailbox();
  args.end();
  if (move && selected.readOnly) return no("Folder is read-only", "READ-ONLY");
  const mailboxId = session.mailbox!.id;
  const target = await findFolder(mailboxId, name);
  if (!target) return no("No such folder", "TRYCREATE");
  const result = await copyMessages({
    mailboxId,
    fromFolderId: selected.folderId,
    toFolderId: target.id,
    uids,
    move,
  });
  const verb = move ? "MOVE" : "COPY";
  if (result.pairs.length === 0) return ok(`${verb} completed, nothing to do`);
  const code = `COPYUID ${result.uidValidity} ${compressSet(result.pairs.map((p) => p[0]))} ${compressSet(result.pairs.map((p) => p[1]))}`;
  if (!move) return ok(`${verb} completed`, code);
  // RFC 6851 §4.3: COPYUID goes in an untagged OK before the EXPUNGEs.
  await session.writer.line(`* OK [${code}] Moved`);
  return ok(`${verb} completed`);
}

export const copy: ImapCommand = {
  name: "COPY",
  modifiesSelected: true,
  states: SELECTED,
  uidVariant: true,
  handle: (session, args, ctx) => transfer(session, args, ctx, false),
};

export const move: ImapCommand = {
  name: "MOVE",
  modifiesSelected: true,
  states: SELECTED,
  uidVariant: true,
  handle: (session, args, ctx) => transfer(session, args, ctx, true),
};
