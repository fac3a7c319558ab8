# Parses XML (stdin) with Python's own parser and prints it as JSON, so the tests check our
# documents with a parser nobody here wrote. Mode "plist" reads an Apple property list.
import json, plistlib, sys, xml.etree.ElementTree as ET

def tree(e):
    tag = e.tag.split('}', 1)[1] if e.tag.startswith('{') else e.tag
    ns = e.tag[1:].split('}', 1)[0] if e.tag.startswith('{') else None
    return {"tag": tag, "ns": ns, "attrs": dict(e.attrib), "text": (e.text or "").strip(),
            "children": [tree(c) for c in e]}

data = sys.stdin.buffer.read()
if sys.argv[1] == "many":
    print(json.dumps([tree(ET.fromstring(x.encode("utf-8"))) for x in json.loads(data)]))
elif sys.argv[1] == "plist":
    print(json.dumps(plistlib.loads(data), default=str))
else:
    print(json.dumps(tree(ET.fromstring(data))))
