import { Field, Int, ObjectType } from 'type-graphql';
import { encodeCursor } from '../pagination/cursor';
import { PageRequest } from '../pagination/page-args';
import { PageInfo } from '../pagination/page-info.type';
import { Article } from './article.entity';
import { positionOf } from './article.query';

@ObjectType()
export class ArticleEdge {
  @Field()
  cursor: string;

  @Field(() => Article)
  node: Article;
}

/** One page of a list; `rows` holds up to first + 1 articles, the extra one only says there is more. */
export interface ArticlePage {
  rows: Article[];
}

@ObjectType()
export class ArticleConnection {
  @Field(() => [ArticleEdge])
  edges: ArticleEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Counted only when asked for, through a batched loader (see article.loaders.ts). */
  private readonly countAll: () => Promise<number>;

  constructor(request: PageRequest, page: ArticlePage, countAll: () => Promise<number>) {
    const rows = page.rows.slice(0, request.first);
    this.edges = rows.map((node) => ({ node, cursor: encodeCursor(request.scope, positionOf(node)) }));
    this.pageInfo = {
      hasNextPage: page.rows.length > request.first,
      // Forward-only pagination: anything before `after` exists, at least the row it points at.
      hasPreviousPage: request.after !== null,
      startCursor: this.edges[0]?.cursor ?? null,
      endCursor: this.edges[this.edges.length - 1]?.cursor ?? null,
    };
    this.countAll = countAll;
  }

  @Field(() => Int, { description: 'Articles in the whole list, not only this page.' })
  totalCount(): Promise<number> {
    return this.countAll();
  }
}
