// The environment the mail backend process starts with. glibc gives every thread that allocates
// its own malloc arena; the argon2id verifications (19 MiB each, on worker threads) leave those
// arenas holding freed memory, so a backend with 10,000 idle IMAP sessions stood at 546 MB RSS
// with the default and at 409 MB with two arenas (bench/imap-idle.ts, README Performance).
// An operator's own MALLOC_ARENA_MAX wins.
export function mailProcessEnv<Env extends Record<string, string | undefined>>(
  env: Env,
): Env & { MALLOC_ARENA_MAX: string } {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2" };
}
