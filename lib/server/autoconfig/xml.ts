// Writing XML for the autoconfiguration answers: every text goes through escapeXml.
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** <tag>text</tag> with the text escaped. */
export const tag = (name: string, text: string | number | boolean) =>
  `<${name}>${escapeXml(String(text))}</${name}>`;
