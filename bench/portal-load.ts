// Portal under load: autocannon with 50 connections against the production build (next build
// once, then next start) on a throwaway PostgreSQL: the sign-in page, the sign-in POST (next-auth's
// credentials callback, the one the sign-in form uses, with its CSRF token), and the signed-in
// settings page with a session cookie obtained once. Reports p50/p99 latency and requests/s.
//   npm ci && npx tsx bench/portal-load.ts [seconds=10] [connections=50]
import { spawn } from "node:child_process";
import autocannon, { type Result } from "autocannon";
import { ensureNextBuild } from "../scripts/support/next-build";
import { freePort } from "../scripts/support/free-port";
import { printTable, startBenchStack } from "./support/bench-stack";
import { onCleanup, runBench } from "./support/cleanup";
import { addBenchDomain, addBenchMailbox, BENCH_PASSWORD } from "./support/seed-mail";
import { machineLine } from "./support/stats";

const [seconds = 10, connections = 50] = process.argv.slice(2).map(Number);
const ADDRESS = "web@bench.test";

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not healthy`);
}

/** Cookies from Set-Cookie headers as one Cookie header value. */
const cookies = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

runBench(async () => {
  const stack = await startBenchStack();
  onCleanup(() => stack.stop());
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...stack.env,
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: base,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-bench",
    STAFF_MFA_REQUIRED: "false",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  Object.assign(process.env, env);
  const { ensureServerEndpoints } = await import("../lib/server/settings/ensure-server-endpoints");
  const { parseEnv } = await import("../lib/env");
  await ensureServerEndpoints(parseEnv(env));
  await addBenchDomain("bench.test");
  await addBenchMailbox(ADDRESS);
  ensureNextBuild(env);
  await stack.startBackend(); // /api/health also checks the mail ports
  const web = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  onCleanup(async () => {
    if (web.exitCode !== null || web.signalCode !== null) return;
    const exited = new Promise((r) => web.once("exit", r));
    web.kill("SIGTERM");
    await exited;
  });
  await waitForHealth(`${base}/api/health`);

  // What the sign-in form sends: the CSRF cookie + token, then the credentials.
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = cookies(csrfResponse);
  const signInBody = new URLSearchParams({
    csrfToken,
    email: ADDRESS,
    password: BENCH_PASSWORD,
    json: "true",
  }).toString();
  const signInHeaders = {
    "content-type": "application/x-www-form-urlencoded",
    cookie: csrfCookie,
    origin: base, // the route also requires a same-origin POST, as a browser sends it
  };
  const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: signInHeaders,
    body: signInBody,
    redirect: "manual",
  });
  const session = cookies(signedIn)
    .split("; ")
    .filter((c) => /session/i.test(c))
    .join("; ");
  if (!session) throw new Error(`sign-in gave no session cookie (HTTP ${signedIn.status})`);
  const settings = await fetch(`${base}/settings`, {
    headers: { cookie: session },
    redirect: "manual",
  });
  if (settings.status !== 200)
    throw new Error(`settings page with the session: HTTP ${settings.status}`);

  const scenarios = [
    { name: "GET /login (sign-in page)", url: `${base}/login` },
    {
      name: "POST sign-in (credentials callback)",
      url: `${base}/api/auth/callback/credentials`,
      method: "POST" as const,
      headers: signInHeaders,
      body: signInBody,
    },
    { name: "GET /settings (signed in)", url: `${base}/settings`, headers: { cookie: session } },
  ];
  const rows: Array<Record<string, string | number>> = [];
  const results: Record<string, Result> = {};
  for (const s of scenarios) {
    // A short warm-up so the first compilation of each route is not in the figures.
    await autocannon({ ...s, connections: 2, duration: 2 });
    // A 30 s timeout: on a busy machine a 50-deep queue takes longer than autocannon's 10 s
    // default, and a latency is more telling than a count of timeouts.
    const r = await autocannon({ ...s, connections, duration: seconds, timeout: 30 });
    results[s.name] = r;
    rows.push({
      request: s.name,
      "req/s": r.requests.average.toFixed(1),
      "p50 ms": r.latency.p50,
      "p99 ms": r.latency.p99,
      requests: r.requests.total,
      "non-2xx": r.non2xx,
      "errors (of which timeouts >30 s)": `${r.errors} (${r.timeouts})`,
    });
  }
  printTable(
    `Portal, next start (production build), autocannon ${connections} connections × ${seconds} s`,
    rows,
  );
  console.log(
    "README: portal at 50 connections: " +
      scenarios
        .map((s) => {
          const r = results[s.name];
          return `${s.name} ${r.requests.average.toFixed(0)} req/s p50 ${r.latency.p50} ms p99 ${r.latency.p99} ms`;
        })
        .join("; "),
  );
  console.log(machineLine());
  // Wrong answers fail the run; timeouts on a busy machine are figures, reported above.
  if (Object.values(results).some((r) => r.non2xx > 0)) process.exitCode = 1;
});
