// Replays the portal's own form posts with chosen headers: a browser submits the form once, we
// keep that exact request (server action id, router state, multipart body) and send it again
// over plain HTTP with another address, another client IP, or a forged Host header.
import http from "node:http";
import type { Page } from "@playwright/test";

export type CapturedPost = { url: string; headers: Record<string, string>; body: Buffer };

/** Fills `label` with `address`, presses `button`, and returns the POST the page sent. */
export async function captureFormPost(
  page: Page,
  options: { path: string; label: string; button: string; address: string },
): Promise<CapturedPost> {
  await page.goto(options.path);
  await page.getByLabel(options.label).fill(options.address);
  const posted = page.waitForRequest((r) => r.method() === "POST");
  await page.getByRole("button", { name: options.button }).click();
  const request = await posted;
  await page.getByRole("status").waitFor();
  return {
    url: request.url(),
    headers: await request.allHeaders(),
    body: request.postDataBuffer()!,
  };
}

export type Answer = { status: number; body: Buffer };

/** Sends the captured post again for another address, with headers replaced or added. */
export function replayFormPost(
  captured: CapturedPost,
  options: { from: string; to: string; headers?: Record<string, string> },
): Promise<Answer> {
  const body = Buffer.from(captured.body.toString("utf8").split(options.from).join(options.to));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(captured.headers))
    if (!name.startsWith(":") && name !== "content-length" && name !== "cookie")
      headers[name] = value;
  // Uncompressed, so answers can be compared and read as they are.
  Object.assign(headers, { "accept-encoding": "identity" }, options.headers, {
    "content-length": String(body.length),
  });
  const url = new URL(captured.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
