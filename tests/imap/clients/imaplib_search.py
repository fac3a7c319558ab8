"""SEARCH through Python's imaplib: prints {criteria: [sequence numbers]} as JSON.

usage: imaplib_search.py PORT USER PASSWORD FOLDER
Each search is sent as written below; non-ASCII terms go as a UTF-8 literal with CHARSET UTF-8.
"""
import imaplib
import json
import sys

port, user, password, folder = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
M = imaplib.IMAP4("127.0.0.1", int(port))
M.login(user, password)
M.select(folder)

ascii_searches = [
    'SUBJECT "100%"',
    'SUBJECT "_"',
    'SUBJECT "\\\\"',
    'SUBJECT "quarterly report"',
    'HEADER Cc "FRANCOIS"',
    'FROM "bob"',
    'NOT SUBJECT ""',
    'OR SUBJECT "invoice" FROM "bob"',
    'SUBJECT "invoice" UNSEEN',
    'HEADER X-Missing ""',
]
result = {}
for criteria in ascii_searches:
    typ, data = M.search(None, criteria)
    result[criteria] = [int(n) for n in data[0].split()] if typ == "OK" else typ

for key, term in [("SUBJECT", "FÜR MÄRZ"), ("FROM", "zoË"), ("HEADER Cc", "françois")]:
    M.literal = term.encode("utf-8")
    typ, data = M.search("UTF-8", key)
    result[key + " " + term] = [int(n) for n in data[0].split()] if typ == "OK" else typ

M.logout()
print(json.dumps(result))
