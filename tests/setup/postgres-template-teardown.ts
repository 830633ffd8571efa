import { withAdminClient } from '../support/postgres-admin';

/** Drops this run's template (each test file drops its own clone). */
export default async function dropTemplate(): Promise<void> {
  const name = process.env.TEST_TEMPLATE_DATABASE;
  if (!name) return;
  await withAdminClient(process.env.TEST_DATABASE_URL!, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
}
