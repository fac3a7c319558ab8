-- AlterTable
ALTER TABLE "SettingsRequest" ADD COLUMN     "clientGuess" TEXT;

