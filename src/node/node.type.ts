import { Field, ID, InterfaceType } from 'type-graphql';
import { NodeTypeName, toGlobalId } from './global-id';

/**
 * Relay's Node. `id` is the global id (see global-id.ts), made from the class name and the row's
 * database key, `rowId`, which never leaves the service. Computed where it is read, so no mapper has
 * to remember to set it.
 */
@InterfaceType({ description: 'An object with a global id, fetchable with Query.node.' })
export abstract class Node {
  abstract rowId: number;

  @Field(() => ID)
  get id(): string {
    return toGlobalId(this.constructor.name as NodeTypeName, this.rowId);
  }
}
