export const metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Sign in to your mailbox</h1>
      <p className="mt-2 text-slate-600">Use your full email address and your mailbox password.</p>
      <form className="mt-8 space-y-4" method="post">
        <div>
          <label htmlFor="email" className="block font-medium">
            Email address
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-lg"
          />
        </div>
        <div>
          <label htmlFor="password" className="block font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-lg"
          />
        </div>
        <button
          type="submit"
          className="w-full rounded bg-blue-700 px-4 py-3 text-lg font-semibold text-white"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
