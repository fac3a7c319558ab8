import { AppError } from "@/lib/server/errors/app-error";

export type ParsedArgs = { positional: string[]; flags: Map<string, string> };

/** `a b --flag value --other=value` → positional [a, b] and flags. Unknown flags are errors. */
export function parseArgs(argv: string[], allowedFlags: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!allowedFlags.includes(name))
      throw new AppError("INVALID_INPUT", `Unknown option --${name}.`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new AppError("INVALID_INPUT", `Option --${name} needs a value.`);
    flags.set(name, value);
  }
  return { positional, flags };
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const value = args.flags.get(name);
  if (value === undefined) throw new AppError("INVALID_INPUT", `Missing --${name}.`);
  return value;
}

export function requireOne(args: ParsedArgs, what: string): string {
  if (args.positional.length !== 1)
    throw new AppError("INVALID_INPUT", `Expected exactly one ${what}.`);
  return args.positional[0];
}
