// Next.js calls register() once per server process.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startPortalWorkers } = await import("./lib/server/workers/start-portal-workers");
    startPortalWorkers();
  }
}
