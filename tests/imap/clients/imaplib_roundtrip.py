"""Drives the IMAP server with Python's stdlib imaplib (a client nobody here wrote) and prints
what it saw as JSON for the vitest file to check.

Usage: imaplib_roundtrip.py PORT USER PASSWORD MESSAGE_FILE"""
import base64, imaplib, json, re, sys

port, user, password, message_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
message = open(message_file, "rb").read()
out = {}

imap = imaplib.IMAP4("127.0.0.1", port)
out["capabilities"] = list(imap.capabilities)
typ, _ = imap.login(user, password)
out["login"] = typ

typ, lines = imap.list()
out["list"] = [l.decode() for l in lines]
typ, lines = imap.list('""', "%")
out["list_percent"] = [l.decode() for l in lines]

typ, data = imap.append("INBOX", "(\\Seen)", imaplib.Time2Internaldate(1_700_000_000), message)
out["append"] = [typ, data[0].decode()]

typ, data = imap.select("INBOX")
out["select"] = [typ, data[0].decode()]
uid = re.search(r"APPENDUID \d+ (\d+)", out["append"][1]).group(1)
# Header and structure answers come from the MIME layer; recorded, not fatal, here.
try:
    typ, data = imap.uid("SEARCH", "CHARSET", "UTF-8", "SUBJECT", '"imaplib round trip"')
    out["search_subject"] = [typ, data[0].decode()]
    typ, data = imap.uid("SEARCH", None, "BODY", "leading")
    out["search_body"] = [typ, data[0].decode()]
except imaplib.IMAP4.error as e:
    out["search_subject"] = ["error", str(e)]

typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[] RFC822.SIZE FLAGS)")
body = data[0][1]
out["body_exact"] = body == message
out["fetch_meta"] = data[0][0].decode() + data[1].decode()

try:
    typ, data = imap.uid("FETCH", uid, "(ENVELOPE BODYSTRUCTURE)")
    out["structure"] = [typ, data[0].decode() if isinstance(data[0], bytes) else repr(data[0])]
except imaplib.IMAP4.error as e:
    out["structure"] = ["error", str(e)]

typ, data = imap.uid("STORE", uid, "+FLAGS", "(\\Flagged $Important)")
out["store"] = [typ, data[0].decode()]
typ, data = imap.uid("SEARCH", None, "FLAGGED KEYWORD $Important")
out["search_flagged"] = data[0].decode()

typ, data = imap.uid("COPY", uid, "Drafts")
out["copy"] = typ
typ, data = imap.uid("MOVE", uid, "Trash")
out["move"] = typ
typ, data = imap.uid("SEARCH", None, "ALL")
out["inbox_after_move"] = data[0].decode()

typ, data = imap.select("Trash")
typ, data = imap.fetch("1", "(BODY.PEEK[])")
out["trash_body_exact"] = data[0][1] == message
imap.store("1", "+FLAGS", "\\Deleted")
typ, data = imap.expunge()
out["expunge"] = [typ, [d.decode() for d in data if d]]
typ, data = imap.status("Drafts", "(MESSAGES UNSEEN UIDNEXT)")
out["status_drafts"] = data[0].decode()
typ, data = imap.status("Trash", "(MESSAGES)")
out["status_trash"] = data[0].decode()
out["logout"] = imap.logout()[0]

# AUTHENTICATE PLAIN
imap = imaplib.IMAP4("127.0.0.1", port)
typ, _ = imap.authenticate("PLAIN", lambda _: f"\0{user}\0{password}".encode())
out["authenticate"] = typ
imap.logout()

print(json.dumps(out))
