import type { NodeTypeName } from '../node/global-id';

/**
 * What a write transaction changed, as the writes say it (Tx.edited): the change log above this
 * layer (syndication/change-log.ts) records it before the transaction commits, through the journal
 * the server gives Writes. The writes of each concept name what they touched without knowing who
 * keeps the record, so no concept depends on the one that keeps it.
 */
export const EditKind = {
  CREATED: 'CREATED',
  UPDATED: 'UPDATED',
  PUBLISHED: 'PUBLISHED',
  UNPUBLISHED: 'UNPUBLISHED',
  ARCHIVED: 'ARCHIVED',
  DELETED: 'DELETED',
} as const;
export type EditKind = (typeof EditKind)[keyof typeof EditKind];

export interface Edit {
  readonly type: NodeTypeName;
  readonly rowId: number;
  readonly kind: EditKind;
}
