import { Client } from 'pg';

/**
 * The migrated template every test file clones. Named per run (the global setup process's pid),
 * so two suites running at once on one server never drop each other's template.
 */
export function templateDatabase(): string {
  const name = process.env.TEST_TEMPLATE_DATABASE;
  if (!name) throw new Error('TEST_TEMPLATE_DATABASE is unset: the PostgreSQL global setup did not run');
  return name;
}

/** A plain pg client on the server's maintenance database, for CREATE/DROP DATABASE. */
export async function withAdminClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
