// Ports of the product instance the e2e suite runs (high, unprivileged, loopback only).
// E2E_PORT_BASE moves them all, so two checkouts can run their suites at the same time.
const base = Number(process.env.E2E_PORT_BASE ?? 32000);
export const E2E_PORT = base + 210;
export const e2eMailPorts = {
  SMTP_PORT: String(base + 525),
  SUBMISSION_PORT: String(base + 587),
  SMTPS_PORT: String(base + 465),
  IMAP_PORT: String(base + 143),
  IMAPS_PORT: String(base + 993),
  POP3_PORT: String(base + 110),
  POP3S_PORT: String(base + 995),
};
/** Ports for specs that start their own `npm start`. */
export const npmStartPorts = {
  PORT: String(base + 310),
  PGLITE_PORT: String(base + 488),
  SMTP_PORT: String(base + 1525),
  SUBMISSION_PORT: String(base + 1587),
  SMTPS_PORT: String(base + 1465),
  IMAP_PORT: String(base + 1143),
  IMAPS_PORT: String(base + 1993),
  POP3_PORT: String(base + 1110),
  POP3S_PORT: String(base + 1995),
};
