import { spawn, type ChildProcess } from "node:child_process";

export type Child = { name: string; process: ChildProcess; exited: Promise<number | null> };

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { stdio: "inherit", env });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { name, process: child, exited };
}

/**
 * SIGTERM, then SIGKILL after a grace period: nothing this command started outlives it. The
 * grace outlasts the mail backend's own shutdown (messages in DATA get 10 s, all of it 20 s).
 */
export async function stopChildren(children: Child[], graceMs = 25_000): Promise<void> {
  await Promise.all(
    children.map(async (c) => {
      if (c.process.exitCode !== null || c.process.signalCode !== null) return;
      c.process.kill("SIGTERM");
      const timer = setTimeout(() => c.process.kill("SIGKILL"), graceMs);
      await c.exited;
      clearTimeout(timer);
    }),
  );
}
