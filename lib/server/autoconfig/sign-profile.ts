// Signs a profile as CMS SignedData (DER, content attached) with the openssl command, as
// Apple devices expect for a "Verified" profile. Runs only when both
// APPLE_PROFILE_SIGNING_CERT and APPLE_PROFILE_SIGNING_KEY name PEM files.
import { execFile } from "node:child_process";

export async function signProfile(
  profile: string,
  signing: { certPath: string; keyPath: string },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "openssl",
      // -binary: sign the bytes as they are (no MIME line-ending canonicalisation).
      [
        "cms",
        "-sign",
        "-binary",
        "-nodetach",
        "-outform",
        "DER",
        "-signer",
        signing.certPath,
        "-inkey",
        signing.keyPath,
      ],
      { encoding: "buffer", maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(`openssl cms -sign failed: ${stderr.toString().trim() || error.message}`),
          );
        else resolve(stdout);
      },
    );
    child.stdin!.end(profile);
  });
}
