import { AppError } from "@/lib/server/errors/app-error";
import { db, type Tx } from "@/lib/server/db/client";
import { normaliseAddress } from "@/lib/server/mailbox/address";

export async function findMailboxByAddress(address: string, tx: Tx = db()) {
  return tx.mailbox.findUnique({ where: { address: normaliseAddress(address) } });
}

export async function requireMailboxByAddress(address: string, tx: Tx = db()) {
  const mailbox = await findMailboxByAddress(address, tx);
  if (!mailbox)
    throw new AppError("NOT_FOUND", `No mailbox ${normaliseAddress(address)}.`, "address");
  return mailbox;
}
