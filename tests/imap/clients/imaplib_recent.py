# SELECT with Python's imaplib and report what it saw of \Recent: the untagged RECENT count,
# FETCH FLAGS and SEARCH RECENT / OLD. Usage: imaplib_recent.py PORT USER PASSWORD
import imaplib
import json
import sys

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
M = imaplib.IMAP4("127.0.0.1", port)
M.login(user, password)
M.select("INBOX")
recent = [r.decode() for r in M.response("RECENT")[1] if r is not None]
typ, flags = M.fetch("1:*", "(FLAGS)")
typ, found = M.search(None, "RECENT")
typ, old = M.search(None, "OLD")
print(
    json.dumps(
        {
            "recent": recent,
            "flags": [f.decode() for f in flags if isinstance(f, bytes)],
            "search_recent": found[0].decode(),
            "search_old": old[0].decode(),
        }
    )
)
M.logout()
