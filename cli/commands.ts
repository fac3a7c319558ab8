// Operator commands: each parses its arguments and calls one domain function.
import { parseByteSize } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { requireMailboxByAddress } from "@/lib/server/mailbox/find-mailbox";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { addStaff } from "@/lib/server/staff/add-staff";
import type { AuditActor } from "@/lib/server/audit/record-audit-event";
import { parseArgs, requireFlag, requireOne } from "./args";

const actor: AuditActor = { type: "cli", label: process.env.USER ?? "operator" };

type Command = { usage: string; flags: readonly string[]; run(argv: string[]): Promise<string> };

export const COMMANDS: Record<string, Command> = {
  "domain add": {
    usage: "domain add NAME",
    flags: [],
    async run(argv) {
      const domain = await addDomain({
        name: requireOne(parseArgs(argv, []), "domain name"),
        actor,
      });
      return `domain ${domain.name} added`;
    },
  },
  "mailbox add": {
    usage: "mailbox add ADDRESS --password P [--quota 2GB] [--recovery-email E]",
    flags: ["password", "quota", "recovery-email"],
    async run(argv) {
      const args = parseArgs(argv, this.flags);
      const quota = args.flags.get("quota");
      const quotaBytes = quota === undefined ? undefined : parseByteSize(quota);
      if (quotaBytes === null)
        throw new AppError("INVALID_INPUT", `--quota: not a size such as 500MB or 2GB: "${quota}"`);
      const mailbox = await addMailbox({
        address: requireOne(args, "address"),
        password: requireFlag(args, "password"),
        quotaBytes,
        recoveryEmail: args.flags.get("recovery-email"),
        actor,
      });
      return `mailbox ${mailbox.address} added`;
    },
  },
  "mailbox passwd": {
    usage: "mailbox passwd ADDRESS --password P",
    flags: ["password"],
    async run(argv) {
      const args = parseArgs(argv, this.flags);
      const mailbox = await requireMailboxByAddress(requireOne(args, "address"));
      await setMailboxPassword({
        mailboxId: mailbox.id,
        address: mailbox.address,
        password: requireFlag(args, "password"),
        actor,
      });
      return `password of ${mailbox.address} changed`;
    },
  },
  "mailbox suspend": suspension(true),
  "mailbox resume": suspension(false),
  "staff add": {
    usage: "staff add EMAIL --password P --role admin|support",
    flags: ["password", "role"],
    async run(argv) {
      const args = parseArgs(argv, this.flags);
      const staff = await addStaff({
        email: requireOne(args, "email address"),
        password: requireFlag(args, "password"),
        role: requireFlag(args, "role"),
        actor,
      });
      return `staff user ${staff.email} (${staff.role}) added`;
    },
  },
};

function suspension(suspended: boolean): Command {
  return {
    usage: `mailbox ${suspended ? "suspend" : "resume"} ADDRESS`,
    flags: [],
    async run(argv) {
      const mailbox = await requireMailboxByAddress(requireOne(parseArgs(argv, []), "address"));
      await setMailboxSuspended({ mailboxId: mailbox.id, suspended, actor });
      return `mailbox ${mailbox.address} ${suspended ? "suspended" : "resumed"}`;
    },
  };
}

export function usage(): string {
  return [
    "usage: npm run cli -- COMMAND",
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  ].join("\n");
}
