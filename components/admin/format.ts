export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Quota input default: the largest unit that divides exactly ("2GB"). */
export function quotaText(bytes: number): string {
  const units = ["TB", "GB", "MB", "KB"];
  for (const [i, u] of units.entries()) {
    const size = 1024 ** (4 - i);
    if (bytes % size === 0) return `${bytes / size}${u}`;
  }
  return `${bytes}B`;
}

export function formatDate(date: Date | null | undefined): string {
  if (!date) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
