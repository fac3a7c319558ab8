// FETCH items compared between Dovecot and our MIME layer for the recorded corpus.
export const CORPUS_SECTIONS = [
  "1",
  "1.MIME",
  "2",
  "2.MIME",
  "1.1",
  "1.2",
  "2.1",
  "2.2.MIME",
  "3.HEADER",
  "2.TEXT",
  "TEXT",
  "HEADER",
  "HEADER.FIELDS (FROM CONTENT-TYPE)",
];

export const CORPUS_ITEMS = [
  "ENVELOPE",
  "BODYSTRUCTURE",
  "BODY",
  ...CORPUS_SECTIONS.map((section) => `BODY.PEEK[${section}]`),
];
