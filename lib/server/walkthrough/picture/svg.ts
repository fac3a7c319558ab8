// A tiny SVG element tree. One tree, two outputs: a string (for PNG rendering and
// downloads, where React's server renderer is not available to route handlers) and React
// elements (components/walkthrough/step-picture.tsx), so the page and the PNG never differ.
export type SvgAttrs = Record<string, string | number | undefined>;
export type SvgNode = { tag: string; attrs: SvgAttrs; children: Array<SvgNode | string> };

type Child = SvgNode | string | null | undefined | false | Child[];

export function el(tag: string, attrs: SvgAttrs = {}, ...children: Child[]): SvgNode {
  const flat: Array<SvgNode | string> = [];
  const add = (c: Child) => {
    if (Array.isArray(c)) c.forEach(add);
    else if (c !== null && c !== undefined && c !== false) flat.push(c);
  };
  children.forEach(add);
  return { tag, attrs, children: flat };
}

// React-style camelCase names for SVG presentation attributes are written kebab-case in
// markup; these attributes are genuinely camelCase in SVG and stay as they are.
const CAMEL_CASE_SVG = new Set(["viewBox", "textLength", "lengthAdjust", "preserveAspectRatio"]);

export function attributeName(name: string): string {
  if (CAMEL_CASE_SVG.has(name) || name.includes("-")) return name;
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const escapeText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

export function toSvgString(node: SvgNode | string): string {
  if (typeof node === "string") return escapeText(node);
  const attrs = Object.entries(node.attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${attributeName(k)}="${escapeAttr(String(v))}"`)
    .join("");
  if (node.children.length === 0) return `<${node.tag}${attrs}/>`;
  return `<${node.tag}${attrs}>${node.children.map(toSvgString).join("")}</${node.tag}>`;
}

/** Rough advance width of a string in the sans-serif fonts we name (no font metrics at hand). */
export function textWidth(text: string, size: number): number {
  return text.length * size * 0.56;
}

/** A text that is squeezed (never cut) when it would not fit `maxWidth`. */
export function fittedText(
  text: string,
  x: number,
  y: number,
  size: number,
  maxWidth: number,
  attrs: SvgAttrs = {},
): SvgNode {
  const tooWide = textWidth(text, size) > maxWidth;
  return el(
    "text",
    {
      x,
      y,
      fontSize: size,
      ...attrs,
      textLength: tooWide ? Math.floor(maxWidth) : undefined,
      lengthAdjust: tooWide ? "spacingAndGlyphs" : undefined,
    },
    text,
  );
}

/** Greedy word wrap by estimated width. */
export function wrapWords(text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
