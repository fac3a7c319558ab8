// The portal's Content-Security-Policy: scripts and styles only from our own origin or with
// this response's nonce (Next.js puts the nonce on its own inline scripts), nothing framed.
export function contentSecurityPolicy(options: {
  nonce: string;
  https: boolean;
  /** next dev needs eval for its error overlay; production never does. */
  development?: boolean;
}): string {
  const { nonce } = options;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** HSTS only makes sense (and is only honoured) over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
