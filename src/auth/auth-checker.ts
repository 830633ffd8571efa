import { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../context';
import { DomainError, ErrorCode } from '../errors';
import type { Role } from '../viewer';

/** Roles allowed to write content and to see drafts, archived and deleted articles. */
export const NEWSROOM: readonly Role[] = ['editor', 'admin'];
/** Roles that may read the deletion feed to take down syndicated copies. */
export const SYNDICATION: readonly Role[] = ['partner', 'editor', 'admin'];

/**
 * The one place where `@Authorized(roles)` is decided. It throws instead of returning false so
 * the client learns which of the two problems it has: no credentials (UNAUTHENTICATED) or a key
 * whose role lacks the right (FORBIDDEN).
 */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context, info }, roles) => {
  const { role } = context.viewer;
  const allowed = roles.length === 0 ? role !== 'anonymous' : roles.includes(role);
  if (allowed) return true;
  const field = `${info.parentType.name}.${info.fieldName}`;
  const needed = roles.length ? `an API key with role ${roles.join(' or ')}` : 'an API key';
  if (role === 'anonymous') {
    throw new DomainError(ErrorCode.Unauthenticated, `${field} needs ${needed}; send "Authorization: Bearer <key>".`);
  }
  throw new DomainError(ErrorCode.Forbidden, `${field} is not open to the ${role} role; it needs ${needed}.`);
};
