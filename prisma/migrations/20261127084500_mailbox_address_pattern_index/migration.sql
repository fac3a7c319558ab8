-- CreateIndex
CREATE INDEX "Mailbox_address_pattern_idx" ON "Mailbox"("address" text_pattern_ops);

