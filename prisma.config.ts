import { defineConfig } from "prisma/config";

// Prisma's own CLI is only used for `prisma generate` here; migrations are applied by
// `npm run db:migrate` (scripts/migrate.ts), which keeps Prisma Migrate's bookkeeping.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
