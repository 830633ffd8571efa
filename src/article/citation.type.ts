import { Field, Int, ObjectType } from 'type-graphql';
import { Source } from '../source/source.entity';

/** A source as an article cites it: where and in which words. */
@ObjectType({ description: 'A source as cited by an article.' })
export class Citation {
  @Field(() => Source)
  source: Source;

  @Field(() => Int, { description: 'Order of first citation, from 1.' })
  position: number;

  @Field(() => String, { nullable: true, description: 'The citing words, e.g. "states Foreign Policy".' })
  context: string | null;
}
