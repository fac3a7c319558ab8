"""Logs in to SMTP submission with Python's smtplib (STARTTLS, then AUTH).

Usage: smtp_login.py HOST PORT USERNAME PASSWORD
Prints "ok", or "refused CODE" when the server rejects the credentials.
"""
import smtplib
import ssl
import sys

host, port, username, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.create_default_context()
context.check_hostname = False  # the test server's certificate is self-signed
context.verify_mode = ssl.CERT_NONE
with smtplib.SMTP(host, port, timeout=20) as client:
    client.starttls(context=context)
    try:
        client.login(username, password)
        print("ok")
    except smtplib.SMTPAuthenticationError as error:
        print(f"refused {error.smtp_code}")
