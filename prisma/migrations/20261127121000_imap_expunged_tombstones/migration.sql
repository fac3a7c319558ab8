-- AlterTable
ALTER TABLE "MailFolder" ADD COLUMN     "expungedFloorModseq" BIGINT NOT NULL DEFAULT 0;

