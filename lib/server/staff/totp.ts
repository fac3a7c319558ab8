// RFC 6238 TOTP for staff: SHA-1, 6 digits, 30-second steps (what every authenticator app
// supports), accepting one step either side for clock drift.
import { Secret, TOTP } from "otpauth";

const ISSUER = "Octeportal admin";

function totp(secretBase32: string, label = "staff"): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** 160 random bits, base32 (RFC 4226 recommends at least 128). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, email: string): string {
  return totp(secretBase32, email).toString();
}

export function verifyTotpCode(
  secretBase32: string,
  code: string,
  timestamp = Date.now(),
): boolean {
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return false;
  return totp(secretBase32).validate({ token: digits, window: 1, timestamp }) !== null;
}

/** For tests and the demo: the code an authenticator app would show now. */
export function currentTotpCode(secretBase32: string, timestamp = Date.now()): string {
  return totp(secretBase32).generate({ timestamp });
}
