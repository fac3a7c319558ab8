// The Date: header (RFC 5322 §3.3, with the obsolete forms of §4.3) for SEARCH SENT*.

export type WrittenDate = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number;
};

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ZONES: Record<string, number> = {
  ut: 0,
  gmt: 0,
  z: 0,
  edt: -4 * 60,
  est: -5 * 60,
  cdt: -5 * 60,
  cst: -6 * 60,
  mdt: -6 * 60,
  mst: -7 * 60,
  pdt: -7 * 60,
  pst: -8 * 60,
};

export function parseWrittenDate(value: string): WrittenDate | null {
  const text = value
    .replace(/\([^()]*\)/g, " ")
    .replace(/^\s*[A-Za-z]+\s*,?/, "")
    .trim();
  const match =
    /^(\d{1,2})\s*([A-Za-z]{3})[a-z]*\.?\s*(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*([+-]\d{4}|[A-Za-z]+)?/.exec(
      text,
    );
  if (!match) return null;
  const month = MONTHS.indexOf(match[2]!.toLowerCase());
  if (month < 0) return null;
  let year = Number(match[3]);
  // RFC 5322 §4.3: two-digit years 00-49 are 2000-2049, 50-99 and three digits add 1900.
  if (match[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  else if (match[3]!.length === 3) year += 1900;
  const day = Number(match[1]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  return { year, month, day, hour, minute, second, offsetMinutes: zoneOffset(match[7]) };
}

/** Unknown and military zones count as -0000 (RFC 5322 §4.3). */
function zoneOffset(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === "-" ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()] ?? 0;
}

export function writtenDateInstant(date: WrittenDate): Date {
  const local = Date.UTC(date.year, date.month, date.day, date.hour, date.minute, date.second);
  return new Date(local - date.offsetMinutes * 60_000);
}
