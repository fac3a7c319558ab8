-- CreateTable
CREATE TABLE "WalkthroughTextOverride" (
    "id" SERIAL NOT NULL,
    "clientId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "protocol" "MailProtocol" NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WalkthroughTextOverride_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WalkthroughTextOverride_clientId_stepId_protocol_key" ON "WalkthroughTextOverride"("clientId", "stepId", "protocol");

