-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "imapBody" TEXT,
ADD COLUMN     "imapBodyStructure" TEXT,
ADD COLUMN     "imapEnvelope" TEXT;

