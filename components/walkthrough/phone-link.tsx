// The QR code a customer scans with their phone: a one-time, 10-minute link to their profile.
export function PhoneLink({ qrSvg, expiresAt }: { qrSvg: string; expiresAt: Date }) {
  return (
    <div className="mx-auto max-w-md text-center">
      <h1 className="text-2xl font-semibold">Set up your iPhone or iPad</h1>
      <p className="mt-2">
        Open the Camera on your iPhone or iPad, point it at this code and tap the link. Install the
        profile in Settings and type your mailbox password when asked.
      </p>
      {/* The QR SVG comes from the qrcode library, built from our own link: no user input in it. */}
      <div
        className="mx-auto mt-6 w-64"
        data-testid="profile-qr"
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <p className="mt-4 text-sm text-slate-600">
        The code works once and only until {expiresAt.toISOString().slice(11, 16)} UTC. It holds no
        password. Reload this page for a new one.
      </p>
    </div>
  );
}
