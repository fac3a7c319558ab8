// PostgreSQL stopped for a while under SMTP + IMAP + POP3 load. Every answer is sorted into a
// class; during the outage only temporary failures are acceptable (SMTP 4xx, IMAP NO
// [UNAVAILABLE] or BYE, POP3 -ERR [SYS/TEMP]); afterwards every protocol must work again
// without restarting the backend process.
import nodemailer from "nodemailer";
import type { BenchStack } from "./bench-stack";
import { databaseSwitch } from "./db-outage";
import { RawImap } from "./raw-imap";
import { RawPop3 } from "./raw-pop3";

type Protocol = "smtp" | "imap" | "pop3";
type Phase = "before" | "outage" | "after";
export type AnswerClass = "ok" | "temporary" | "permanent" | "dropped";

export type DrillResult = {
  /** counts[protocol][phase][class] */
  counts: Record<Protocol, Record<Phase, Record<AnswerClass, number>>>;
  /** Every answer that is not acceptable (and every dropped connection), with its count. */
  wrong: Map<string, number>;
  /** ms from the database being back until the first success, per protocol. */
  recoveryMs: Record<Protocol, number>;
  backendSurvived: boolean;
};

const PROTOCOLS: Protocol[] = ["smtp", "imap", "pop3"];

export async function runDbStopDrill(
  stack: BenchStack,
  options: { address: string; password: string; outageMs?: number; beforeMs?: number },
): Promise<DrillResult> {
  const outageMs = options.outageMs ?? 10_000;
  const beforeMs = options.beforeMs ?? 3_000;
  const counts = Object.fromEntries(
    PROTOCOLS.map((p) => [
      p,
      Object.fromEntries(
        (["before", "outage", "after"] as const).map((ph) => [
          ph,
          { ok: 0, temporary: 0, permanent: 0, dropped: 0 },
        ]),
      ),
    ]),
  ) as DrillResult["counts"];
  const wrong = new Map<string, number>();
  const recoveryMs = { smtp: NaN, imap: NaN, pop3: NaN };
  let phase: Phase = "before";
  let backAt = 0;
  let running = true;

  /** `proves`: a success here means the protocol really works again (it needed the database). */
  const record = (protocol: Protocol, cls: AnswerClass, what: string, proves = false) => {
    counts[protocol][phase][cls]++;
    if (cls === "permanent" || cls === "dropped") {
      const key = `${protocol} ${phase} ${cls}: ${what}`;
      wrong.set(key, (wrong.get(key) ?? 0) + 1);
    }
    if (proves && cls === "ok" && phase === "after" && Number.isNaN(recoveryMs[protocol]))
      recoveryMs[protocol] = performance.now() - backAt;
  };
  const pause = () => new Promise((r) => setTimeout(r, 100));

  const smtpLoop = async (n: number) => {
    for (let i = 0; running; i++) {
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: stack.ports.SMTP_PORT,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 5000,
        socketTimeout: 30_000,
      });
      try {
        await transport.sendMail({
          from: "drill@sender.test",
          to: options.address,
          subject: `db-stop drill ${n}-${i}`,
          text: "x".repeat(2000),
        });
        record("smtp", "ok", "250", true);
      } catch (error) {
        const e = error as { responseCode?: number; response?: string; code?: string };
        if (e.responseCode && e.responseCode >= 400 && e.responseCode < 500)
          record("smtp", "temporary", e.response ?? "");
        else if (e.responseCode) record("smtp", "permanent", e.response ?? String(e.responseCode));
        else record("smtp", "dropped", e.code ?? String(error));
        await pause();
      } finally {
        transport.close();
      }
    }
  };

  const imapClass = (r: { status: string; text: string }): AnswerClass =>
    r.status === "OK" ? "ok" : /^NO \[UNAVAILABLE\]/.test(r.text) ? "temporary" : "permanent";
  const imapLoop = async () => {
    while (running) {
      let client: RawImap | null = null;
      try {
        client = await RawImap.connect(stack.ports.IMAP_PORT);
        const login = await client.command(`LOGIN ${options.address} "${options.password}"`);
        record("imap", imapClass(login), `LOGIN: ${login.text}`);
        if (login.status !== "OK") {
          await pause();
          continue;
        }
        // A session that stays open across the outage: the commands a client polls with.
        for (let i = 0; running && i < 200; i++) {
          let selected = true;
          for (const command of ["SELECT INBOX", "FETCH 1:* (FLAGS)", "SEARCH UNSEEN", "NOOP"]) {
            // A failed SELECT leaves no folder selected (RFC 3501): a client stops there too.
            if (!selected) break;
            const r = await client.command(command);
            const bye = r.untagged.find((l) => l.startsWith("* BYE"));
            record("imap", bye ? "temporary" : imapClass(r), `${command}: ${r.text}`);
            if (bye) throw new Error("BYE");
            selected = r.status === "OK" || command !== "SELECT INBOX";
          }
          const append = await client.command(
            "APPEND INBOX",
            Buffer.from("Subject: drill append\r\n\r\nhello\r\n"),
          );
          record("imap", imapClass(append), `APPEND: ${append.text}`, true);
          await pause();
        }
        await client.command("LOGOUT");
      } catch (error) {
        if ((error as Error).message !== "BYE") record("imap", "dropped", (error as Error).message);
        await pause();
      } finally {
        client?.close();
      }
    }
  };

  // [IN-USE] (RFC 2449): the maildrop lock of an earlier session is still there; temporary.
  const popClass = (line: string): AnswerClass =>
    line.startsWith("+OK")
      ? "ok"
      : /^-ERR \[(SYS\/TEMP|IN-USE)\]/.test(line)
        ? "temporary"
        : "permanent";
  const pop3Loop = async () => {
    while (running) {
      let client: RawPop3 | null = null;
      try {
        client = await RawPop3.connect(stack.ports.POP3_PORT);
        const user = await client.command(`USER ${options.address}`);
        record("pop3", popClass(user), `USER: ${user}`);
        const pass = await client.command(`PASS ${options.password}`);
        record("pop3", popClass(pass), `PASS: ${pass}`);
        if (pass.startsWith("+OK")) {
          for (let i = 0; running && i < 20; i++) {
            const stat = await client.command("STAT");
            record("pop3", popClass(stat), `STAT: ${stat}`);
            const retr = await client.multiline("RETR 1");
            record("pop3", popClass(retr.status), `RETR: ${retr.status}`, true);
            await pause();
          }
          const quit = await client.command("QUIT");
          record("pop3", popClass(quit), `QUIT: ${quit}`);
        }
      } catch (error) {
        record("pop3", "dropped", (error as Error).message);
      } finally {
        client?.close();
      }
      await pause();
    }
  };

  if (!stack.cluster || process.env.TEST_DATABASE_URL)
    throw new Error("the drill stops PostgreSQL: it needs its own throwaway cluster");
  const db = await databaseSwitch(stack.cluster.adminUrl);
  const backend = await stack.startBackend();
  const load = [smtpLoop(0), smtpLoop(1), imapLoop(), imapLoop(), pop3Loop()];
  // The outage starts once every protocol has worked at least once.
  const started = performance.now();
  while (performance.now() - started < beforeMs || PROTOCOLS.some((p) => counts[p].before.ok < 3)) {
    if (performance.now() - started > 60_000) throw new Error("load never got going");
    await new Promise((r) => setTimeout(r, 100));
  }
  phase = "outage";
  db.stop();
  await new Promise((r) => setTimeout(r, outageMs));
  db.start();
  phase = "after";
  backAt = performance.now();
  const deadline = backAt + 60_000;
  while (PROTOCOLS.some((p) => Number.isNaN(recoveryMs[p])) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 2000));
  running = false;
  await Promise.all(load);
  const backendSurvived = backend.exitCode === null && backend.signalCode === null;
  return { counts, wrong, recoveryMs, backendSurvived };
}

/** Table rows: one per protocol and phase. */
export function drillRows(result: DrillResult): Array<Record<string, string | number>> {
  return PROTOCOLS.flatMap((p) =>
    (["before", "outage", "after"] as const).map((ph) => ({
      protocol: p,
      phase: ph,
      ...result.counts[p][ph],
      ...(ph === "after"
        ? { "recovered after": `${(result.recoveryMs[p] / 1000).toFixed(1)} s` }
        : { "recovered after": "" }),
    })),
  );
}
