// Generators of MIME-ish messages for property tests and the Dovecot comparison script.
import fc from "fast-check";

// Small alphabets make collisions likely: boundaries that prefix each other, boundary lines
// inside bodies, headers that look like delimiters.
const boundary = fc.constantFrom("b", "bb", "b1", "=_x", "outer", "out", "a b", "");
export const lineBreak = fc.constantFrom("\r\n", "\n", "\r\n", "\r");
const headerName = fc.constantFrom(
  "Content-Type",
  "content-type",
  "Content-Transfer-Encoding",
  "Content-Disposition",
  "Content-Language",
  "Content-ID",
  "From",
  "To",
  "Subject",
  "Date",
  "X-Junk",
);
const headerValue = fc.oneof(
  fc.constantFrom(
    "multipart/mixed; boundary=b",
    'multipart/alternative; boundary="bb"',
    "multipart/digest; boundary=b1",
    "message/rfc822",
    "text/plain; charset=iso-8859-1",
    "text/html; charset=utf-8; format=flowed",
    "application",
    "base64",
    "quoted-printable",
    "attachment; filename*0*=UTF-8''a%20; filename*1=b",
    "=?UTF-8?B?w7w=?= <a@b>, group: x@y, <@r:z@w>;",
    '"Quoted \\" name" <q@x>, (comment) bare@host',
    "Mon, 10 Mar 2025 08:00:00 +0100",
    "Tue, 31 Feb 99 25:61 XYZ",
    "",
  ),
  fc.string({ maxLength: 40 }),
);

export type MimeNode = {
  headers: Array<[string, string]>;
  /** Announce the boundary in a Content-Type, so the children really are parts. */
  declared: "mixed" | "digest" | null;
  boundary: string;
  children: MimeNode[];
  body: string;
};

const node: fc.Memo<MimeNode> = fc.memo((depth) =>
  fc.record({
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }),
    declared: fc.constantFrom("mixed" as const, "mixed" as const, "digest" as const, null),
    boundary,
    children: depth > 1 ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([]),
    body: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom("--b", "--bb--", "--b1\r\n\r\n", "=\r\n=4", "SGVsbG8=", "\u0000\u00ff"),
    ),
  }),
);

export function renderMimeTree(tree: MimeNode, eol: string): string {
  const headers: Array<[string, string]> = [...tree.headers];
  if (tree.children.length > 0 && tree.declared) {
    headers.unshift(["Content-Type", `multipart/${tree.declared}; boundary="${tree.boundary}"`]);
  }
  const header = headers.map(([name, value]) => `${name}: ${value}${eol}`).join("");
  let body = tree.body;
  if (tree.children.length > 0) {
    const parts = tree.children.map(
      (child) => `--${tree.boundary}${eol}${renderMimeTree(child, eol)}`,
    );
    body = `${tree.body}${eol}${parts.join(eol)}${eol}--${tree.boundary}--${eol}`;
  }
  return `${header}${eol}${body}`;
}

/** Messages up to four levels deep, with up to three parts per multipart. */
export const mimeTree = node(4);
