-- Message bytes are compressed with LZ4 instead of PostgreSQL's default pglz (issue #9): pglz
-- spent about a fifth of PostgreSQL's CPU per stored message in bench/smtp-inbound.ts, most of
-- it failing to compress base64 attachments; LZ4 compresses text about as well at a fraction of
-- the cost and decompresses faster for FETCH and RETR. Only new values are affected; rows
-- already stored keep their pglz data, which PostgreSQL still reads. A server built without
-- LZ4 (the embedded PGlite) keeps pglz.
DO $$
BEGIN
  ALTER TABLE "Message" ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 not supported by this server: Message.raw keeps the default compression';
END $$;
