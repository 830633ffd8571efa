import { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../context';
import { DomainError, ErrorCode } from '../errors';
import type { Role } from '../viewer';

/** Roles allowed to write content and to see drafts, archived and deleted articles. */
export const NEWSROOM: readonly Role[] = ['editor', 'admin'];
/** Roles that may read the deletion feed to take down syndicated copies. */
export const SYNDICATION: readonly Role[] = ['partner', 'editor', 'admin'];
/**
 * Roles that may read the aggregates (analytics/). They are internal figures: an anonymous caller
 * is refused as FORBIDDEN, like a partner, not as UNAUTHENTICATED (issue 13), since no public
 * credential opens them; the message still says how to send a key.
 */
export const ANALYTICS: readonly Role[] = ['analyst', 'admin'];

/** Roles that run the service: partners' webhooks (src/webhooks). */
export const ADMIN: readonly Role[] = ['admin'];

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

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
  const howToSend = 'send "Authorization: Bearer <key>"';
  if (role === 'anonymous' && sameRoles(roles, ANALYTICS)) {
    throw new DomainError(
      ErrorCode.Forbidden,
      `${field} is not open to anonymous callers; it needs ${needed}; ${howToSend}.`,
    );
  }
  if (role === 'anonymous') {
    throw new DomainError(ErrorCode.Unauthenticated, `${field} needs ${needed}; ${howToSend}.`);
  }
  throw new DomainError(ErrorCode.Forbidden, `${field} is not open to the ${role} role; it needs ${needed}.`);
};
