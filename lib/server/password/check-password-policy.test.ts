import { describe, expect, it } from "vitest";
import { passwordProblem } from "./check-password-policy";

describe("password policy (NIST 800-63B)", () => {
  it("accepts long passphrases with spaces and Unicode, no composition rules", () => {
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    expect(passwordProblem("ünïcödé pässwörd ✓")).toBeNull();
    expect(passwordProblem("x".repeat(128))).toBeNull();
  });
  it("rejects short, overlong, common and self-referencing passwords", () => {
    expect(passwordProblem("1234567")).toMatch(/at least 8/);
    expect(passwordProblem("x".repeat(257))).toMatch(/at most/);
    expect(passwordProblem("password")).toMatch(/commonly used/);
    expect(passwordProblem("Qwertyuiop")).toMatch(/commonly used/);
    expect(passwordProblem("my alice secret", "alice@example.org")).toMatch(/mailbox name/);
    expect(passwordProblem("EXAMPLE rocks 1", "alice@example.org")).toMatch(/domain name/);
  });
  it("counts characters, not bytes", () => {
    expect(passwordProblem("ääääääää")).toBeNull();
    expect(passwordProblem("😀😀😀😀😀😀😀")).toMatch(/at least 8/);
  });
});
