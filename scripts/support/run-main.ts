import { EnvError } from "@/lib/env";
import { isAppError } from "@/lib/server/errors/app-error";

/** Runs a command's main function: clear one-line errors and a non-zero exit on failure. */
export function runMain(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof EnvError || isAppError(error)) console.error(`error: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}
