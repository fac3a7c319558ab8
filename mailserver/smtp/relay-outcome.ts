// Turns what nodemailer reported for one relay attempt into per-recipient failures: a 5xx
// from the smarthost is permanent (bounce), a 4xx or a network problem is temporary (retry).
import type { FailedRecipient } from "@/lib/server/mail-delivery/build-bounce-message";

export type RelayOutcome = { temporary: FailedRecipient[]; permanent: FailedRecipient[] };

type RelayError = {
  message?: string;
  response?: string;
  responseCode?: number;
  recipient?: string;
  rejectedErrors?: RelayError[];
};

const describe = (e: RelayError) =>
  (e.response || e.message || "relay failed").replace(/[\r\n]+/g, " ").slice(0, 500);

function byRecipient(errors: RelayError[] | undefined): Map<string, RelayError> {
  const map = new Map<string, RelayError>();
  for (const e of errors ?? []) if (e.recipient) map.set(e.recipient.toLowerCase(), e);
  return map;
}

function sort(recipients: string[], errorOf: (r: string) => RelayError | undefined): RelayOutcome {
  const outcome: RelayOutcome = { temporary: [], permanent: [] };
  for (const recipient of recipients) {
    const error = errorOf(recipient);
    if (!error) continue;
    const failure = { recipient, diagnostic: describe(error) };
    if ((error.responseCode ?? 0) >= 500) outcome.permanent.push(failure);
    else outcome.temporary.push(failure);
  }
  return outcome;
}

/** The message was accepted for some recipients; the smarthost may have refused others. */
export function outcomeOfSuccess(
  recipients: string[],
  info: { rejected?: unknown[]; rejectedErrors?: RelayError[] },
): RelayOutcome {
  const errors = byRecipient(info.rejectedErrors);
  const rejected = new Set((info.rejected ?? []).map((r) => String(r).toLowerCase()));
  return sort(recipients, (r) => {
    const key = r.toLowerCase();
    return errors.get(key) ?? (rejected.has(key) ? { message: "recipient rejected" } : undefined);
  });
}

/** The attempt failed: per-recipient refusals where known, the overall error for the rest. */
export function outcomeOfError(recipients: string[], error: unknown): RelayOutcome {
  const overall = (error ?? {}) as RelayError;
  const errors = byRecipient(overall.rejectedErrors);
  return sort(recipients, (r) => errors.get(r.toLowerCase()) ?? overall);
}
