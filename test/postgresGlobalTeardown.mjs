// jest globalTeardown: destroys the cluster postgresGlobalSetup.mjs started (nothing when TEST_DATABASE_URL was
// given from outside). The variable is cleared too, so that a re-run in watch mode starts a new cluster.
export default async function postgresGlobalTeardown() {
  const cluster = globalThis.__helpdeskPostgresCluster;
  if (!cluster) return;
  globalThis.__helpdeskPostgresCluster = undefined;
  if (process.env.TEST_DATABASE_URL === cluster.url) delete process.env.TEST_DATABASE_URL;
  await cluster.destroy();
}
