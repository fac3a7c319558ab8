"""Reads the settings email back the way a customer's program would, with Python's stdlib
(imaplib, poplib: clients nobody here wrote), parses it with the stdlib email package and prints
what it found as JSON for the vitest file to check.

Usage: read_settings_mail.py imap|pop3 PORT USER PASSWORD   (implicit TLS, newest message)
       read_settings_mail.py raw < message                  (a message from the database)"""
import base64, email, email.policy, imaplib, json, poplib, re, ssl, sys

mode = sys.argv[1]
# Our test servers use a self-signed certificate made for the run.
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

if mode == "imap":
    port, user, password = int(sys.argv[2]), sys.argv[3], sys.argv[4]
    imap = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=context)
    imap.login(user, password)
    typ, data = imap.select("INBOX", readonly=True)
    count = int(data[0])
    typ, data = imap.fetch(str(count), "(BODY.PEEK[])")
    raw = data[0][1]
    imap.logout()
elif mode == "pop3":
    port, user, password = int(sys.argv[2]), sys.argv[3], sys.argv[4]
    pop = poplib.POP3_SSL("127.0.0.1", port, context=context)
    pop.user(user)
    pop.pass_(password)
    count, _size = pop.stat()
    _resp, lines, _octets = pop.retr(count)
    raw = b"\r\n".join(lines) + b"\r\n"
    pop.quit()
else:
    raw = sys.stdin.buffer.read()

message = email.message_from_bytes(raw, policy=email.policy.default)
parts = []
for part in message.walk():
    if part.is_multipart():
        continue
    payload = part.get_payload(decode=True) or b""
    entry = {
        "type": part.get_content_type(),
        "cid": part.get("Content-ID"),
        "disposition": part.get_content_disposition(),
        "filename": part.get_filename(),
        "size": len(payload),
    }
    if part.get_content_maintype() == "text":
        entry["text"] = part.get_content()
    else:
        entry["base64"] = base64.b64encode(payload).decode()
    parts.append(entry)

print(json.dumps({
    "rawSize": len(raw),
    "subject": str(message["Subject"]),
    "to": str(message["To"]),
    "parts": parts,
}))
