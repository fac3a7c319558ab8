// A private Dovecot (Debian's dovecot-imapd / dovecot-pop3d) for side-by-side figures: its own
// config, base_dir, state and logs under a temp folder, IMAP and POP3 on free loopback ports,
// one passwd-file user, maildir. The system daemon is never touched; this one is stopped by pid.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/support/free-port";
import { waitForPort } from "./bench-stack";
import { onCleanup } from "./cleanup";

export type Dovecot = {
  imapPort: number;
  pop3Port: number;
  pid: number;
  /** Writes messages straight into the maildir (Dovecot indexes them on SELECT). */
  addMessages(messages: Array<{ raw: Buffer; date?: Date }>): void;
  stop(): Promise<void>;
};

/** Mail files belong to "nobody": Dovecot refuses to run mail processes as root. */
const MAIL_USER = { name: "nobody", uid: 65534, gid: 65534 };

export async function startDovecot(options: {
  address: string;
  /** In Dovecot's scheme format: "{PLAIN}secret", or our own stored {ARGON2ID} hash. */
  passwordHash: string;
  /** Dovecot's per-user-per-IP cap (default 10) raised for many-connection runs. */
  maxUserIpConnections?: number;
}): Promise<Dovecot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-dovecot-"));
  chmodSync(dir, 0o755);
  const maildir = path.join(dir, "Maildir");
  for (const sub of ["run", "state", "Maildir/cur", "Maildir/new", "Maildir/tmp"])
    mkdirSync(path.join(dir, sub), { recursive: true });
  const [imapPort, pop3Port] = [await freePort(), await freePort()];
  const passwd = path.join(dir, "passwd");
  writeFileSync(
    passwd,
    `${options.address}:${options.passwordHash}:${MAIL_USER.uid}:${MAIL_USER.gid}::${dir}::\n`,
  );
  const config = path.join(dir, "dovecot.conf");
  writeFileSync(
    config,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_trusted_networks = 127.0.0.0/8
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
first_valid_uid = ${MAIL_USER.uid}
first_valid_gid = ${MAIL_USER.gid}
mail_location = maildir:${maildir}
mail_max_userip_connections = ${options.maxUserIpConnections ?? 100}
passdb {
  driver = passwd-file
  args = ${passwd}
}
userdb {
  driver = passwd-file
  args = ${passwd}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = ${pop3Port}
  }
  inet_listener pop3s {
    port = 0
  }
}
`,
  );
  let counter = 0;
  const addMessages: Dovecot["addMessages"] = (messages) => {
    for (const m of messages) {
      const name = `${1_700_000_000 + counter}.M${counter}P1.bench,S=${m.raw.length}:2,`;
      counter++;
      const file = path.join(maildir, "cur", name);
      writeFileSync(file, m.raw);
      if (m.date) utimesSync(file, m.date, m.date); // maildir INTERNALDATE = mtime
    }
    execFileSync("chown", ["-R", `${MAIL_USER.uid}:${MAIL_USER.gid}`, maildir]);
  };

  const child: ChildProcess = spawn("dovecot", ["-c", config, "-F"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  onCleanup(stop);
  await waitForPort(imapPort, 20_000);
  await waitForPort(pop3Port, 20_000);
  return { imapPort, pop3Port, pid: child.pid!, addMessages, stop };
}
