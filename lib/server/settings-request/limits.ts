// "Forgot my settings" limits: generous for a person, useless for a mail bomb.
export const SETTINGS_REQUEST_WINDOW_MS = 60 * 60 * 1000;
export const MAX_REQUESTS_PER_IP = 10;
export const MAX_REQUESTS_PER_ADDRESS = 3;
/** Delivery retries (with doubling back-off from 1 minute) before a request is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;
export const FIRST_RETRY_DELAY_MS = 60 * 1000;
