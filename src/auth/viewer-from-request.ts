import { HeaderMap } from '@apollo/server';
import { GraphQLError, GraphQLErrorExtensions } from 'graphql';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, toGraphQLError } from '../errors';
import { anonymousViewer, Viewer } from '../viewer';
import { findActiveApiKey, isWellFormedApiKey } from './api-keys';

/**
 * Who is calling, from the Authorization header: no header is an anonymous reader; anything else
 * must be `Bearer <live API key>`. A bad credential fails the whole request rather than silently
 * downgrading it to anonymous, so a client with a revoked key learns so at once.
 */
export async function viewerFromAuthorization(dataSource: DataSource, header: string | undefined): Promise<Viewer> {
  if (header === undefined || header.trim() === '') return anonymousViewer;
  const presented = bearerKey(header);
  if (presented === null) throw unauthenticated('The Authorization header must be "Bearer <API key>".');
  if (!isWellFormedApiKey(presented)) {
    throw unauthenticated('The API key is malformed; send the whole key that `npm run apikey -- create` printed.');
  }
  const key = await findActiveApiKey(dataSource, presented);
  if (!key) throw unauthenticated('The API key is unknown or revoked; ask for a new one.');
  return Object.freeze({ role: key.role, name: key.name, safelistOnly: key.safelistOnly });
}

/**
 * The key an Authorization header presents (`Bearer <key>`, any casing and spacing), or null. One
 * key written several ways is one key: the gateway counts its rate limit and trust by this.
 */
export function bearerKey(header: string): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null;
}

/**
 * Thrown from the context factory, where Apollo answers with the error as it is: a GraphQL-shaped
 * body with UNAUTHENTICATED, HTTP 401 and a Bearer challenge (Apollo moves `http` out of extensions).
 */
function unauthenticated(message: string): GraphQLError {
  const { extensions } = toGraphQLError(new DomainError(ErrorCode.Unauthenticated, message));
  // Apollo reads `http.headers` as a Map; graphql-yoga (the gateway's) types it globally as a record.
  const http: unknown = { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) };
  return new GraphQLError(message, { extensions: { ...extensions, http } as GraphQLErrorExtensions });
}
