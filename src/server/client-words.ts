/**
 * What servers take from a client's words, and give back, identically on the gateway and the
 * subgraphs.
 */

/** A request id is forwarded to every subgraph and written to every log line: short and plain. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's `x-request-id` when it is one a log and a subgraph can take, else undefined (make one up). */
export function usableRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : undefined;
}

/** graphql-js's hints at the schema ("Did you mean "regionCode"?"), which production leaves out. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '');

/**
 * What the servers' libraries say when they refuse a mutation over GET or a batch (Yoga at the
 * gateway, Apollo at the subgraphs), in one wording that says what to send instead.
 */
const REFUSED_REQUEST_FORMS: [RegExp, string][] = [
  [
    /^(Can only perform a mutation operation from a POST request\.|GET requests only support query operations, not mutation operations)$/,
    'Send mutations with POST: a GET request may carry only a query.',
  ],
  [
    /^(Batching is not supported\.|Operation batching disabled\.)$/,
    'This server does not accept batches (a JSON array of operations): send one operation per request, as a JSON object.',
  ],
];

export const requestFormWords = (message: string): string =>
  REFUSED_REQUEST_FORMS.find(([words]) => words.test(message))?.[1] ?? message;
