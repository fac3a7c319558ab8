// Everything a bench script started is stopped on every way out: normal end, exception,
// Ctrl-C or SIGTERM. Steps run last-registered first, each at most once.
type Step = () => Promise<void> | void;
const steps: Step[] = [];
let handlersInstalled = false;

export function onCleanup(step: Step): void {
  steps.push(step);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping everything this script started`);
      void runCleanup().finally(() => process.exit(130));
    });
  }
}

export async function runCleanup(): Promise<void> {
  while (steps.length) {
    const step = steps.pop()!;
    try {
      await step();
    } catch (error) {
      console.error(`cleanup step failed: ${(error as Error).message}`);
    }
  }
}

/** Runs a bench script's body, always cleans up, exits with its status. */
export function runBench(body: () => Promise<void>): void {
  body()
    .then(
      () => 0,
      (error) => {
        console.error(error);
        return 1;
      },
    )
    .then(async (code) => {
      await runCleanup();
      process.exit(process.exitCode ?? code);
    });
}
