import { badInput } from '../errors';

/**
 * The change feed's position tokens: base64url of ["changes", sequence, time of that change].
 * Opaque to partners. The time binds a token to the change it was made after: a token is taken
 * only when that change exists with that time here (changes.loaders.ts), so one made up, or
 * carried over from another feed or another deployment's database, is refused instead of silently
 * skipping changes. Sequence 0 (with no time) is the start of the log.
 */
export interface FeedPosition {
  sequence: number;
  /** When the change at `sequence` happened; null at the start. */
  happenedAt: Date | null;
}

const FEED = 'changes';
/** The largest sequence the log's integer column holds; a larger one was never handed out. */
const MAX_SEQUENCE = 2 ** 31 - 1;
export const FEED_START: FeedPosition = Object.freeze({ sequence: 0, happenedAt: null });

export function encodeChangeToken({ sequence, happenedAt }: FeedPosition): string {
  return Buffer.from(JSON.stringify([FEED, sequence, happenedAt?.toISOString() ?? null])).toString('base64url');
}

/** The position a token names; BAD_USER_INPUT (on `field`) when it is not one of this feed's tokens. */
export function decodeChangeToken(token: string, field: string): FeedPosition {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]{1,200}$/.test(token) ? JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) : null;
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === FEED) {
    const [, sequence, time] = parsed as unknown[];
    if (sequence === 0 && time === null) return FEED_START;
    const happenedAt = typeof time === 'string' ? new Date(time) : null;
    if (
      Number.isInteger(sequence) &&
      (sequence as number) > 0 &&
      (sequence as number) <= MAX_SEQUENCE &&
      happenedAt?.toISOString() === time
    ) {
      return { sequence: sequence as number, happenedAt };
    }
  }
  throw invalidToken(field);
}

export const invalidToken = (field: string) =>
  badInput(
    field,
    'This is not a token of this change feed; pass the nextToken of a previous page, or leave it out to start from the beginning.',
  );
