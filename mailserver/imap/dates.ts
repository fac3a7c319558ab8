// IMAP date formats (RFC 3501 §9): date "1-Feb-1994", date-time " 1-Feb-1994 21:52:25 -0800".
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function month(name: string): number {
  return MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase());
}

/** A search date as midnight UTC of that day, or null. */
export function parseSearchDate(text: string): Date | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (!m || month(m[2]) < 0) return null;
  const date = new Date(Date.UTC(Number(m[3]), month(m[2]), Number(m[1])));
  return date.getUTCDate() === Number(m[1]) ? date : null;
}

export function parseDateTime(text: string): Date | null {
  const m = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(
    text,
  );
  if (!m || month(m[2]) < 0) return null;
  const offset = (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const utc = Date.UTC(
    Number(m[3]),
    month(m[2]),
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
  const date = new Date(utc - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** INTERNALDATE as it goes on the wire (always in UTC here). */
export function formatDateTime(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, "0");
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return `"${day}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ${time} +0000"`;
}
