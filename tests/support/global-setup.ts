import type { TestProject } from "vitest/node";
import { createTemplate, startCluster } from "./postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  await createTemplate(cluster.adminUrl);
  project.provide("pgAdminUrl", cluster.adminUrl);
  return () => cluster.stop();
}
