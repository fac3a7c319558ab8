#!/usr/bin/env python3
"""Drives Python's own poplib (a POP3 client nobody here wrote) through a list of steps.

usage: poplib_session.py '<json spec>'
spec: {"host", "port", "mode": "plain"|"stls"|"ssl", "user", "password", "login": "user"|"none",
       "steps": [["stat"], ["list"], ["uidl"], ["retr", 1], ["top", 1, 0], ["dele", 1],
                 ["rset"], ["capa"], ["noop"], ["quit"]]}
Prints one JSON object: the answer of every step (message bytes as base64) or the error.
"""
import base64
import json
import poplib
import ssl
import sys


def tls_context():
    # The test server uses the backend's self-signed certificate.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def text(b):
    return b.decode("utf-8", "replace")


def run(spec):
    ctx = tls_context()
    if spec["mode"] == "ssl":
        pop = poplib.POP3_SSL(spec["host"], spec["port"], context=ctx, timeout=20)
    else:
        pop = poplib.POP3(spec["host"], spec["port"], timeout=20)
    out = {"welcome": text(pop.getwelcome()), "steps": []}
    if spec["mode"] == "stls":
        out["stls"] = text(pop.stls(context=ctx))
    if spec.get("login", "user") == "user":
        pop.user(spec["user"])
        out["pass"] = text(pop.pass_(spec["password"]))
    for step in spec["steps"]:
        name, args = step[0], step[1:]
        try:
            if name == "retr" or name == "top":
                resp, lines, octets = getattr(pop, name)(*args)
                raw = b"".join(line + b"\r\n" for line in lines)
                out["steps"].append(
                    {"resp": text(resp), "octets": octets, "raw": base64.b64encode(raw).decode()}
                )
            elif name in ("list", "uidl"):
                resp, lines, _ = getattr(pop, name)()
                out["steps"].append({"resp": text(resp), "lines": [text(l) for l in lines]})
            elif name == "stat":
                out["steps"].append({"stat": list(pop.stat())})
            elif name == "capa":
                out["steps"].append({"capa": {k: v for k, v in pop.capa().items()}})
            else:
                out["steps"].append({"resp": text(getattr(pop, name)(*args))})
        except poplib.error_proto as e:
            out["steps"].append({"error": text(e.args[0]) if e.args else str(e)})
            if name == "quit":
                break
    return out


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    try:
        print(json.dumps(run(spec)))
    except poplib.error_proto as e:
        print(json.dumps({"fatal": text(e.args[0]) if e.args else str(e)}))
