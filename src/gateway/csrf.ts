import { GraphQLError } from 'graphql';

/**
 * Headers (besides a Content-Type no HTML form can send) that prove a script sent a request: CSRF
 * prevention asks a GET, or a POST sent as a form or text/plain, for one of them.
 */
export const PREFLIGHT_HEADERS = [
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'graphql-preflight',
];

/** Yoga's refusal (@graphql-yoga/plugin-csrf-prevention): no code, and no word of what to send. */
const YOGA_REFUSAL = 'Required CSRF header(s) not present';

/**
 * The refusal as clients get it: a client error that names what to send, in the code and status
 * the subgraphs (Apollo) answer the same refusal with.
 */
export function csrfRefusal(error: GraphQLError): GraphQLError | null {
  if (error.message !== YOGA_REFUSAL) return null;
  return new GraphQLError(
    'This request could have been sent by another site’s page (a GET, or a POST as a form or text/plain): ' +
      `send it with Content-Type: application/json, or with one of the headers ${PREFLIGHT_HEADERS.join(', ')} ` +
      '(any value, e.g. apollo-require-preflight: 1).',
    { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
  );
}
