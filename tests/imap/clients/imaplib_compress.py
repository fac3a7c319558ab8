"""Python's stdlib imaplib (a client nobody here wrote) with COMPRESS=DEFLATE (RFC 4978) added
through Python's own zlib, over STARTTLS and over implicit TLS. Prints what it saw as JSON.

Usage: imaplib_compress.py PORT TLS_PORT USER PASSWORD MESSAGE_FILE"""
import imaplib, json, re, ssl, sys, zlib

port, tls_port, user, password, message_file = (
    int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
message = open(message_file, "rb").read()
imaplib.Commands.setdefault("COMPRESS", ("AUTH", "SELECTED"))


class Deflating:
    """Mixin: once compress() succeeded, every byte read or sent goes through raw DEFLATE."""
    inflater = None

    def compress(self):
        typ, data = self._simple_command("COMPRESS", "DEFLATE")
        if typ == "OK":
            self.deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
            self.inflater = zlib.decompressobj(-15)
            self.inflated = b""
            self.wire_bytes = 0
        return typ, data

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise imaplib.IMAP4.abort("connection closed")
        self.wire_bytes += len(chunk)
        self.inflated += self.inflater.decompress(chunk)

    def read(self, size):
        if self.inflater is None:
            return super().read(size)
        while len(self.inflated) < size:
            self._fill()
        data, self.inflated = self.inflated[:size], self.inflated[size:]
        return data

    def readline(self):
        if self.inflater is None:
            return super().readline()
        while b"\n" not in self.inflated:
            self._fill()
        end = self.inflated.index(b"\n") + 1
        line, self.inflated = self.inflated[:end], self.inflated[end:]
        return line

    def send(self, data):
        if self.inflater is not None:
            data = self.deflater.compress(data) + self.deflater.flush(zlib.Z_SYNC_FLUSH)
        super().send(data)


class Plain(Deflating, imaplib.IMAP4):
    pass


class Secure(Deflating, imaplib.IMAP4_SSL):
    pass


def session(imap, label):
    out = {"capabilities": list(imap.capabilities)}
    out["login"] = imap.login(user, password)[0]
    typ, data = imap.compress()
    out["compress"] = [typ, data[0].decode()]
    typ, data = imap.compress()
    out["second_compress"] = [typ, data[0].decode()]
    typ, data = imap.append("INBOX", None, None, message)
    out["append"] = [typ, data[0].decode()]
    uid = re.search(r"APPENDUID \d+ (\d+)", out["append"][1]).group(1)
    out["select"] = imap.select("INBOX")[0]
    typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[] FLAGS)")
    out["body_exact"] = data[0][1] == message
    typ, data = imap.uid("SEARCH", None, "BODY", label)
    out["search"] = data[0].decode().split()
    out["uid"] = uid
    out["wire_bytes"] = imap.wire_bytes
    out["logout"] = imap.logout()[0]
    return out


context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

result = {}
plain = Plain("127.0.0.1", port)
plain.starttls(ssl_context=context)
message = message.replace(b"LABEL", b"starttlsdeflate")
result["starttls"] = session(plain, "starttlsdeflate")
message = message.replace(b"starttlsdeflate", b"implicitdeflate")
result["implicit"] = session(Secure("127.0.0.1", tls_port, ssl_context=context), "implicitdeflate")
print(json.dumps(result))
