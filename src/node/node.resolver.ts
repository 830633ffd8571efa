import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { badInput } from '../errors';
import { decodeGlobalId } from './global-id';
import { Node } from './node.type';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when there is none.' })
  async node(@Ctx() { loaders }: RequestContext, @Arg('id', () => ID) id: string): Promise<Node | null> {
    const decoded = decodeGlobalId(id);
    if (!decoded)
      throw badInput('id', `"${id}" is not a global id; use the id field of an Article, Source, Photo or Region.`);
    switch (decoded.type) {
      case 'Article':
        return loaders.article.byId.load(decoded.rowId);
      case 'Source':
        return loaders.source.byId.load(decoded.rowId);
      case 'Photo':
        return loaders.photo.byId.load(decoded.rowId);
      case 'Region':
        return loaders.region.byId.load(decoded.rowId);
    }
  }
}
