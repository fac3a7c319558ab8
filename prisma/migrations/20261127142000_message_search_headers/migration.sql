-- AlterTable
-- Existing rows keep NULL: RFC 2047 decoding cannot be done in SQL, so SEARCH reads those
-- messages from their bytes once and stores their entries (lib/server/imap/fill-search-headers.ts).
ALTER TABLE "Message" ADD COLUMN     "searchHeaders" TEXT[];
