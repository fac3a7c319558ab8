// The one place environment variables are read. Portal, mail backend, CLI and scripts all
// call loadEnv(); a wrong value stops start-up with a message naming the variable.
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"])
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");
const byteSize = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const bytes = parseByteSize(v);
      if (bytes === null) {
        ctx.addIssue({ code: "custom", message: `not a size such as 25MB or 2GB: "${v}"` });
        return z.NEVER;
      }
      return bytes;
    });

/** "10.0.0.0/8, 192.0.2.7, ::1" → validated entries (an address, or an address/prefix). */
const addressList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const entries = v
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean);
      const bad = entries.find((e) => !isAddressOrCidr(e));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `not an IP address or CIDR: "${bad}"` });
        return z.NEVER;
      }
      return entries;
    });

export function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: port(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().default("./data"),
  PGLITE_PORT: port(5488),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  MAIL_HOSTNAME: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i,
      "must be a host name",
    )
    .default("localhost"),
  MAIL_BIND_HOST: z.string().default("0.0.0.0"),
  MAIL_HEALTH_HOST: z.string().default("127.0.0.1"),
  SMTP_PORT: port(2525),
  SUBMISSION_PORT: port(2587),
  SMTPS_PORT: port(2465),
  IMAP_PORT: port(2143),
  IMAPS_PORT: port(2993),
  POP3_PORT: port(2110),
  POP3S_PORT: port(2995),
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  // PEM certificate and key that sign the Apple configuration profiles (CMS); unsigned without.
  APPLE_PROFILE_SIGNING_CERT: z.string().optional(),
  APPLE_PROFILE_SIGNING_KEY: z.string().optional(),
  MAIL_MIN_TLS: z.enum(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]).default("TLSv1.2"),
  SMTP_RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  // Sender of the portal's own emails (settings, resets, notices); default no-reply@MAIL_HOSTNAME.
  MAIL_FROM: z.email().optional(),
  MAX_MESSAGE_SIZE: byteSize("25MB"),
  MAX_CLIENTS_PER_LISTENER: z.coerce.number().int().min(1).default(500),
  STAFF_MFA_REQUIRED: bool(true),
  // Dovecot-like failure delay: the first failure waits this long, each further one doubles.
  AUTH_FAILURE_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  AUTH_FAILURE_DELAY_MAX_MS: z.coerce.number().int().min(0).default(15000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Every mail listener expects a PROXY protocol v1/v2 header first (a load balancer in front).
  MAIL_PROXY_PROTOCOL: bool(false),
  // Peers allowed to send that header: IPs or CIDRs, comma separated. Others are disconnected.
  MAIL_PROXY_TRUSTED: addressList("127.0.0.0/8,::1"),
  // Reverse proxies in front of the portal that each append to X-Forwarded-For; 0 = none, the
  // header is the client's own words and ignored.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type Env = z.infer<typeof envSchema> & { APP_URL: string; DATA_DIR: string };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set", as they do in most .env and compose files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    DATA_DIR: path.resolve(env.DATA_DIR),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  };
}

let cached: Env | undefined;
export function loadEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? "B").toUpperCase();
  const power = ["B", "KB", "MB", "GB", "TB"].indexOf(unit);
  return Math.round(Number(m[1]) * 1024 ** power);
}
