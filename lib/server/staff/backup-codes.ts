// One-time backup codes for staff who lose their authenticator: ten random codes shown once,
// stored as SHA-256 hashes (each code carries 50 random bits, so a slow hash adds nothing).
import { createHash, randomInt } from "node:crypto";

export const BACKUP_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

export function normaliseBackupCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function hashBackupCode(code: string): string {
  return createHash("sha256").update(normaliseBackupCode(code)).digest("hex");
}

export function looksLikeBackupCode(code: string): boolean {
  return normaliseBackupCode(code).length === 10 && !/^\d+$/.test(normaliseBackupCode(code));
}

export function newBackupCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const raw = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashBackupCode) };
}
