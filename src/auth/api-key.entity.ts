import { Check, Column, Entity, Unique } from 'typeorm';
import { IdColumn, oneOf, timestampType } from '../db/column-types';

export const API_KEY_ROLES = ['partner', 'analyst', 'editor', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** A caller's credential. Only the key's hash is stored; the key itself is shown once, at creation. */
@Entity('api_key')
@Unique('uq_api_key_hash', ['keyHash'])
@Check('chk_api_key_role', oneOf('role', API_KEY_ROLES))
export class ApiKey {
  @IdColumn()
  id: number;

  /** Who holds the key ("Desk", "Partner: Example News"); appears in logs and `apikey list`. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: ApiKeyRole;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** The key's first characters, so an operator can tell keys apart without the secret. */
  @Column({ name: 'key_hint', type: 'varchar', length: 16 })
  keyHint: string;

  @Column({ name: 'created_at', type: timestampType })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: timestampType, nullable: true })
  revokedAt: Date | null;

  /**
   * The key may run only the operations in the safelist (persisted-operations.json): a partner
   * whose integration is known gets no more than it. The gateway enforces it, on what content says
   * of the key when it checks it (gateway/api-key.plugin.ts).
   */
  @Column({ name: 'safelist_only', type: 'boolean', default: false })
  safelistOnly: boolean;
}
