import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay's Node. `id` is a global id (see global-id.ts) set when a row is read; the database key
 * stays in `rowId` and never leaves the service.
 */
@InterfaceType({ description: 'An object with a global id, fetchable with Query.node.' })
export abstract class Node {
  @Field(() => ID)
  id: string;
}
