// Reads a PROXY protocol header off a freshly accepted socket before anything else happens on
// it (before the TLS handshake of an implicit-TLS port, before any greeting). Bytes after the
// header are put back into the socket for whoever reads next.
import type net from "node:net";
import { parseProxyHeader, type ProxyHeader } from "./proxy-header";

export class ProxyHeaderError extends Error {}

export function readProxyHeader(socket: net.Socket, timeoutMs: number): Promise<ProxyHeader> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (error: Error | null, header?: ProxyHeader, rest?: Buffer) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("end", onEnd);
      socket.off("close", onEnd);
      socket.off("error", onError);
      socket.pause();
      if (error) return reject(error);
      if (rest && rest.length > 0) socket.unshift(rest);
      resolve(header!);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseProxyHeader(received);
      if (parsed.status === "incomplete") return;
      if (parsed.status === "invalid") return finish(new ProxyHeaderError(parsed.reason));
      finish(null, parsed.header, received.subarray(parsed.length));
    };
    const onEnd = () => finish(new ProxyHeaderError("closed before the PROXY header"));
    const onError = (error: Error) => finish(error);
    const timer = setTimeout(
      () => finish(new ProxyHeaderError("no PROXY header in time")),
      timeoutMs,
    );
    socket.on("data", onData);
    socket.once("end", onEnd);
    socket.once("close", onEnd);
    socket.once("error", onError);
  });
}
