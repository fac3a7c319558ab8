// Password hashes in Dovecot's scheme format, so Dovecot could authenticate from the same
// table: {ARGON2ID}$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
import { hash, verify, type Algorithm } from "@node-rs/argon2";

const PREFIX = "{ARGON2ID}";
// OWASP's argon2id baseline (19 MiB, 2 passes): ~25 ms here, cheap enough for mail logins.
const OPTIONS = {
  algorithm: 2 as Algorithm.Argon2id, // const enum: Argon2id = 2
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export async function hashPassword(password: string): Promise<string> {
  return PREFIX + (await hash(password, OPTIONS));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (!stored.startsWith(PREFIX)) return false;
  try {
    return await verify(stored.slice(PREFIX.length), password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same work as a real verification, for addresses that do not exist. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password that nobody has");
  await verifyPassword(await dummyHash, password);
  return false;
}
