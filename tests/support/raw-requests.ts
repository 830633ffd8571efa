/** Requests as an attacker sends them, to any service's GraphQL endpoint: for the hostile-input tests. */

/** POSTs `body` (JSON, or a string sent as it is) and answers the status and the parsed answer. */
export async function postTo(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The status of the service's /health beside its `/graphql` endpoint. */
export const healthOf = (graphqlUrl: string) =>
  fetch(graphqlUrl.replace(/\/graphql$/, '/health')).then((response) => response.status);

/** An operation selecting `__typename` `count` times: two tokens a field, no arguments. */
export const typenames = (count: number) => `{ ${Array(count).fill('__typename').join(' ')} }`;

/** The one error a subscription gets from a service that has none. */
export const NO_SUBSCRIPTIONS = [
  expect.objectContaining({
    message: expect.stringMatching(/no subscription operations/),
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  }),
];
