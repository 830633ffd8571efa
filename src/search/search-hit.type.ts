import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Article } from '../article/article.entity';
import { encodeRankCursor } from '../pagination/cursor';
import { PageInfo } from '../pagination/page-info.type';
import { SearchQuery, wantedTerms } from './search-query';
import { searchLanguageOf } from './search-text';
import { snippetOf } from './snippet';

@ObjectType({ description: 'An article that matches a search, and why.' })
export class SearchHit {
  @Field(() => Article)
  article: Article;

  @Field(() => Float, {
    description:
      'Relevance, higher first. Compare scores within one answer only: they are on no fixed scale ' +
      'and differ between the databases the service can run on.',
  })
  score: number;

  constructor(
    article: Article,
    score: number,
    private readonly query: SearchQuery,
  ) {
    this.article = article;
    this.score = score;
  }

  @Field({
    description:
      'Where it matched, as HTML: the text escaped, the words searched for in <mark></mark>, "…" where it was ' +
      'cut. From the title if it matched there, else the summary, else the body.',
  })
  snippet(): string {
    const language = searchLanguageOf(this.article.language);
    const { title, summary, body } = this.article;
    return snippetOf([title, summary, body], wantedTerms(this.query, language), language);
  }
}

@ObjectType()
export class SearchHitEdge {
  @Field()
  cursor: string;

  @Field(() => SearchHit)
  node: SearchHit;
}

@ObjectType({ description: 'Hits, most relevant first; of equal scores, the article added last first.' })
export class SearchHitConnection {
  @Field(() => [SearchHitEdge])
  edges: SearchHitEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  constructor(
    scope: string,
    first: number,
    after: boolean,
    hits: SearchHit[],
    private readonly countAll: () => Promise<number>,
  ) {
    this.edges = hits.slice(0, first).map((node) => ({
      node,
      cursor: encodeRankCursor(scope, { score: node.score, rowId: node.article.rowId }),
    }));
    this.pageInfo = {
      hasNextPage: hits.length > first,
      hasPreviousPage: after,
      startCursor: this.edges[0]?.cursor ?? null,
      endCursor: this.edges[this.edges.length - 1]?.cursor ?? null,
    };
  }

  @Field(() => Int, { description: 'Hits in all, not only on this page.' })
  totalCount(): Promise<number> {
    return this.countAll();
  }
}
