// Ports of the product instance the e2e suite runs (high, unprivileged, loopback only).
// E2E_PORT_BASE moves them all, so two checkouts can run their suites at the same time.
const base = Number(process.env.E2E_PORT_BASE ?? 32000);
export const E2E_PORT = base + 210;

/** The seven mail listeners' port variables, each at its standard port's last digits + offset. */
function mailPorts(offset: number) {
  return {
    SMTP_PORT: String(offset + 525),
    SUBMISSION_PORT: String(offset + 587),
    SMTPS_PORT: String(offset + 465),
    IMAP_PORT: String(offset + 143),
    IMAPS_PORT: String(offset + 993),
    POP3_PORT: String(offset + 110),
    POP3S_PORT: String(offset + 995),
  };
}

export const e2eMailPorts = mailPorts(base);
/** Ports for specs that start their own `npm start`. */
export const npmStartPorts = {
  PORT: String(base + 310),
  PGLITE_PORT: String(base + 488),
  ...mailPorts(base + 1000),
};
