// RFC 6238 TOTP for staff: SHA-1, 6 digits, 30-second steps (what every authenticator app
// supports), accepting one step either side for clock drift.
import { Secret, TOTP } from "otpauth";

const ISSUER = "Octeportal admin";
const PERIOD_SECONDS = 30;

function totp(secretBase32: string, label = "staff"): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
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

/**
 * The time step (RFC 6238 counter) the code belongs to, or null when it matches none of the
 * accepted steps. Callers store the step so that a code is accepted once (RFC 6238 §5.2).
 */
export function matchTotpStep(
  secretBase32: string,
  code: string,
  timestamp = Date.now(),
): number | null {
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return null;
  const delta = totp(secretBase32).validate({ token: digits, window: 1, timestamp });
  return delta === null ? null : Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
}

export function verifyTotpCode(secretBase32: string, code: string, timestamp = Date.now()) {
  return matchTotpStep(secretBase32, code, timestamp) !== null;
}

/** For tests and the demo: the code an authenticator app would show now. */
export function currentTotpCode(secretBase32: string, timestamp = Date.now()): string {
  return totp(secretBase32).generate({ timestamp });
}
