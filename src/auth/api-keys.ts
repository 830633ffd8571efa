import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { API_KEY_ROLES, ApiKey, ApiKeyRole } from './api-key.entity';

/** A recognisable prefix lets secret scanners spot a leaked key and lets us reject junk unhashed. */
const PREFIX = 'cgk_';
const KEY_PATTERN = /^cgk_[A-Za-z0-9_-]{43}$/;

/**
 * A key is 32 random bytes (256 bits), so SHA-256 without salt is enough: slow, salted hashes
 * (bcrypt, argon2) exist to stop guessing of low-entropy passwords, and nobody can enumerate 2^256
 * keys at any speed. A plain digest also lets each request find its key by an indexed equality
 * lookup, where a salted hash would have to be checked row by row, at ~100 ms each.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function isApiKeyRole(role: string): role is ApiKeyRole {
  return (API_KEY_ROLES as readonly string[]).includes(role);
}

/** Stores a new key's hash and returns the key itself: the only time it exists outside the caller. */
export async function createApiKey(
  dataSource: DataSource,
  options: { role: string; name: string; safelistOnly?: boolean },
): Promise<{ key: string; record: ApiKey }> {
  const name = options.name.trim();
  if (!isApiKeyRole(options.role)) {
    throw new Error(`role must be one of ${API_KEY_ROLES.join(', ')}, got "${options.role}"`);
  }
  if (name.length === 0 || name.length > 200) {
    throw new Error('name must be 1 to 200 characters, e.g. "Desk" or "Partner: Example News"');
  }
  const key = PREFIX + randomBytes(32).toString('base64url');
  const repository = dataSource.getRepository(ApiKey);
  const record = await repository.save(
    repository.create({
      name,
      role: options.role,
      keyHash: hashApiKey(key),
      keyHint: key.slice(0, PREFIX.length + 4),
      createdAt: new Date(),
      revokedAt: null,
      safelistOnly: options.safelistOnly ?? false,
    }),
  );
  return { key, record };
}

/** Marks a key revoked (the row stays, for the record); null when there is no such key. */
export async function revokeApiKey(dataSource: DataSource, id: number): Promise<ApiKey | null> {
  const repository = dataSource.getRepository(ApiKey);
  const record = await repository.findOneBy({ id });
  if (!record) return null;
  if (record.revokedAt === null) {
    record.revokedAt = new Date();
    await repository.update({ id, revokedAt: IsNull() }, { revokedAt: record.revokedAt });
  }
  return record;
}

export function listApiKeys(dataSource: DataSource): Promise<ApiKey[]> {
  return dataSource.getRepository(ApiKey).find({ order: { id: 'ASC' } });
}

/** The live key a caller presented, or null when it is unknown or revoked. */
export function findActiveApiKey(dataSource: DataSource, key: string): Promise<ApiKey | null> {
  return dataSource.getRepository(ApiKey).findOneBy({ keyHash: hashApiKey(key), revokedAt: IsNull() });
}
