-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "totpLastStep" INTEGER;

