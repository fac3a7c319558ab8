"""One SMTP session with Python's smtplib, driven by a JSON description on stdin.

Input: {"host", "port", "ssl": bool, "starttls": bool, "ehlo": str?, "login": [user, password]?,
        "mail_from": str, "mail_options": [str], "rcpt": [str], "data_b64": str?}
Output (stdout, JSON): every reply as {"step", "code", "text"}, plus the EHLO features seen
before and after STARTTLS. Refusals are recorded, not raised, so the test sees each answer.
"""
import base64
import json
import smtplib
import ssl
import sys

spec = json.load(sys.stdin)
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
out = {"replies": [], "features_before_tls": None, "features": None}


def record(step, code, text):
    out["replies"].append(
        {"step": step, "code": code, "text": text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)}
    )
    return code


if spec.get("ssl"):
    client = smtplib.SMTP_SSL(spec["host"], spec["port"], context=context, timeout=20)
else:
    client = smtplib.SMTP(spec["host"], spec["port"], timeout=20)
try:
    record("ehlo", *client.ehlo(spec.get("ehlo", "client.example")))
    out["features_before_tls"] = sorted(client.esmtp_features.keys())
    if spec.get("starttls"):
        record("starttls", *client.starttls(context=context))
        record("ehlo", *client.ehlo(spec.get("ehlo", "client.example")))
    out["features"] = sorted(client.esmtp_features.keys())
    out["auth_features"] = client.esmtp_features.get("auth", "").strip()
    if spec.get("login"):
        try:
            record("auth", *client.login(*spec["login"]))
        except smtplib.SMTPAuthenticationError as e:
            record("auth", e.smtp_code, e.smtp_error)
        except smtplib.SMTPNotSupportedError as e:
            record("auth", 0, str(e))
    code = record("mail", *client.mail(spec["mail_from"], spec.get("mail_options", [])))
    accepted = 0
    if code == 250:
        for rcpt in spec.get("rcpt", []):
            if record("rcpt", *client.rcpt(rcpt)) == 250:
                accepted += 1
    if accepted and "data_b64" in spec:
        record("data", *client.data(base64.b64decode(spec["data_b64"])))
    try:
        client.quit()
    except smtplib.SMTPServerDisconnected:
        pass
except smtplib.SMTPServerDisconnected as e:
    record("disconnected", 0, str(e))
print(json.dumps(out))
