// Reliability drill: kill -9 of the mail backend during SMTP load loses no acknowledged message.
//   npm ci && npx tsx bench/drill-kill9.ts [sessions=8] [killAfterAcks=200]
import { printTable, startBenchStack } from "./support/bench-stack";
import { runKill9Drill } from "./support/kill9-drill";

const [sessions = 8, killAfterAcks = 200] = process.argv.slice(2).map(Number);

async function main() {
  const stack = await startBenchStack();
  try {
    const { addDomain } = await import("../lib/server/domain/add-domain");
    const { addMailbox } = await import("../lib/server/mailbox/add-mailbox");
    const actor = { type: "system" as const };
    await addDomain({ name: "drill.test", actor });
    await addMailbox({
      address: "box@drill.test",
      password: "Drill Password Long",
      quotaBytes: 1024 ** 4,
      actor,
    });
    const result = await runKill9Drill(stack, {
      sessions,
      killAfterAcks,
      address: "box@drill.test",
    });
    printTable("kill -9 during SMTP load", [{ sessions, ...result }]);
    if (result.missing > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
