// COMPRESS DEFLATE (RFC 4978). The switch happens once the tagged OK is on the wire; a second
// COMPRESS is refused with COMPRESSIONACTIVE.
import { AUTHENTICATED, bad, no, ok, type ImapCommand } from "../command";

export const compress: ImapCommand = {
  name: "COMPRESS",
  states: AUTHENTICATED,
  async handle(session, args) {
    const mechanism = args.atom().toUpperCase();
    args.end();
    if (session.compressed) return no("Compression is already active", "COMPRESSIONACTIVE");
    if (mechanism !== "DEFLATE") return bad("Unknown compression mechanism");
    session.afterResponse = () => session.startCompression();
    return ok("DEFLATE active");
  },
};
