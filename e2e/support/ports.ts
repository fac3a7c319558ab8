// Ports of the product instance the e2e suite runs (high, unprivileged, loopback only).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const e2eMailPorts = {
  SMTP_PORT: "32525",
  SUBMISSION_PORT: "32587",
  SMTPS_PORT: "32465",
  IMAP_PORT: "32143",
  IMAPS_PORT: "32993",
  POP3_PORT: "32110",
  POP3S_PORT: "32995",
};
