// "Forgot my settings" limits: generous for a person, useless for a mail bomb.
export const SETTINGS_REQUEST_WINDOW_MS = 60 * 60 * 1000;
export const MAX_REQUESTS_PER_IP = 10;
export const MAX_REQUESTS_PER_ADDRESS = 3;
// Delivery retries and back-off: lib/server/delivery-queue/run-delivery-queue.ts.
