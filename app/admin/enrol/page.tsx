import Link from "next/link";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { EnrolForm } from "@/components/admin/enrol-form";
import { currentStaffSession } from "@/lib/server/admin/require-staff";
import { startTotpEnrolment } from "@/lib/server/staff/enrol-totp";
import { isStaffEnrolled } from "@/lib/server/staff/is-staff-enrolled";
import { confirmEnrolment } from "../_actions/auth";

export const metadata = { title: "Set up your authenticator" };
export const dynamic = "force-dynamic";

export default async function EnrolPage() {
  const session = await currentStaffSession();
  if (!session) redirect("/admin/login");
  const enrolled = await isStaffEnrolled(session.staff.id);
  let setup: { secret: string; qr: string } | null = null;
  if (!enrolled) {
    const { secret, uri } = await startTotpEnrolment(session.staff.id);
    setup = { secret, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
  }
  return (
    <main className="max-w-xl">
      <h1 className="text-2xl font-semibold">Set up two-step sign-in</h1>
      {setup ? (
        <div className="mt-4 space-y-3">
          <p>
            Staff accounts need an authenticator app (for example Google Authenticator, Microsoft
            Authenticator, FreeOTP or 1Password). Scan this code with it, then enter the 6-digit
            code it shows.
          </p>
          <img src={setup.qr} alt="QR code for your authenticator app" width={220} height={220} />
          <p>
            Cannot scan? Enter this key by hand (time-based):{" "}
            <code data-testid="totp-secret" className="font-mono break-all">
              {setup.secret}
            </code>
          </p>
        </div>
      ) : (
        <p className="mt-4">
          Your authenticator is set up.{" "}
          <Link className="text-blue-700 underline" href="/admin">
            Continue
          </Link>
        </p>
      )}
      <EnrolForm action={confirmEnrolment} enrolled={enrolled} />
    </main>
  );
}
