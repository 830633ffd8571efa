import { Client } from 'pg';

export const TEMPLATE_DATABASE = 'content_test_template';

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
