"use client";
// Sign-in through next-auth's credentials endpoint (it carries its own CSRF token).
import { signIn } from "next-auth/react";
import { useRef, useState } from "react";

export const SIGN_IN_FAILED = "The email address or password is not correct.";
const UNAVAILABLE = "We could not check your password just now. Please try again in a minute.";

export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      callbackUrl: "/settings",
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      window.location.assign("/settings");
      return;
    }
    setPending(false);
    setError(result?.error === "Unavailable" || !result ? UNAVAILABLE : SIGN_IN_FAILED);
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  return (
    <form className="mt-8 space-y-5" method="post" onSubmit={onSubmit} noValidate>
      {error ? (
        <p
          ref={errorRef}
          tabIndex={-1}
          role="alert"
          className="rounded-lg border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-900"
        >
          {error}
        </p>
      ) : null}
      <div>
        <label htmlFor="email" className="block font-semibold">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={320}
          className="mt-1 min-h-12 w-full rounded-lg border border-slate-400 bg-white px-3 text-lg"
        />
      </div>
      <div>
        <label htmlFor="password" className="block font-semibold">
          Password
        </label>
        <p id="password-hint" className="text-sm text-slate-700">
          Your mailbox password. Capitals matter.
        </p>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-describedby="password-hint"
          required
          maxLength={1024}
          className="mt-1 min-h-12 w-full rounded-lg border border-slate-400 bg-white px-3 text-lg"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="min-h-12 w-full rounded-lg bg-blue-700 px-4 text-lg font-semibold text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
