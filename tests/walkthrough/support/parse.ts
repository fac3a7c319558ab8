import { execFileSync } from "node:child_process";
import path from "node:path";

const script = path.join(import.meta.dirname, "xml-to-json.py");

export type XmlNode = {
  tag: string;
  ns: string | null;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
};

export function parseXml(xml: string | Buffer): XmlNode {
  return JSON.parse(execFileSync("python3", [script, "xml"], { input: xml }).toString());
}

export function parseXmlMany(xmls: string[]): XmlNode[] {
  const out = execFileSync("python3", [script, "many"], {
    input: JSON.stringify(xmls),
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out.toString());
}

export function parsePlist(data: string | Buffer): Record<string, unknown> {
  return JSON.parse(execFileSync("python3", [script, "plist"], { input: data }).toString());
}

export const child = (n: XmlNode, tag: string) => n.children.find((c) => c.tag === tag);
export const children = (n: XmlNode, tag: string) => n.children.filter((c) => c.tag === tag);
export const text = (n: XmlNode, tag: string) => child(n, tag)?.text;
