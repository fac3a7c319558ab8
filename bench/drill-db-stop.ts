// Reliability drill: PostgreSQL stopped for 10 s (pg_ctl stop -m fast, then start) while SMTP,
// IMAP and POP3 clients keep working. Only temporary failures are acceptable during the outage,
// and every protocol must recover without restarting the mail backend.
//   npm ci && npx tsx bench/drill-db-stop.ts [outageSeconds=10]
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { drillRows, runDbStopDrill } from "./support/db-stop-drill";
import { corpusMessage } from "./support/message-corpus";
import { addBenchDomain, addBenchMailbox, BENCH_PASSWORD, loadMessages } from "./support/seed-mail";
import { machineLine } from "./support/stats";

const [outageSeconds = 10] = process.argv.slice(2).map(Number);

runBench(async () => {
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  await addBenchDomain("drill.test");
  const box = await addBenchMailbox("box@drill.test");
  await loadMessages(box.id, 3, (i) => corpusMessage(i)); // POP3 RETR 1 and IMAP FETCH need mail
  const result = await runDbStopDrill(stack, {
    address: "box@drill.test",
    password: BENCH_PASSWORD,
    outageMs: outageSeconds * 1000,
  });
  printTable(
    `PostgreSQL stopped for ${outageSeconds} s under SMTP + IMAP + POP3 load`,
    drillRows(result),
  );
  for (const [what, n] of result.wrong) console.log(`  ${n} × ${what}`);
  const permanent = Object.values(result.counts)
    .flatMap((phases) => Object.values(phases))
    .reduce((sum, c) => sum + c.permanent, 0);
  const recovered = Object.values(result.recoveryMs).every((v) => Number.isFinite(v));
  console.log(
    `README: db stop ${outageSeconds} s: ${permanent} permanent/wrong answers, backend ` +
      `${result.backendSurvived ? "kept running" : "DIED"}, recovered ` +
      `${recovered ? "all three protocols" : "NOT all protocols"} (SMTP ${(result.recoveryMs.smtp / 1000).toFixed(1)} s, ` +
      `IMAP ${(result.recoveryMs.imap / 1000).toFixed(1)} s, POP3 ${(result.recoveryMs.pop3 / 1000).toFixed(1)} s after restart)`,
  );
  console.log(machineLine());
  if (permanent > 0 || !result.backendSurvived || !recovered) process.exitCode = 1;
});
