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
