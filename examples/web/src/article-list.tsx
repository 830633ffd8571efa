import { Link } from 'react-router';
import { graphql } from './gql';
import type { ArticleCardFragment } from './gql/graphql';

// Spread by every list of articles, so each page asks for what a card shows.
graphql(`
  fragment ArticleCard on Article {
    id
    slug
    title
    summary
    label
    publishedAt
  }
`);

export interface ConnectionPage {
  edges: { node: ArticleCardFragment }[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
}

/** A page of a connection with a "Load more" button while the connection has more. */
export function ArticleList({
  page,
  loadMore,
  loading,
}: {
  page: ConnectionPage;
  loadMore: () => void;
  loading: boolean;
}) {
  return (
    <>
      <p className="meta">
        {page.edges.length} of {page.totalCount} articles
      </p>
      <ol className="articles">
        {page.edges.map(({ node }) => (
          <li key={node.id}>
            {node.label && <div className="meta">{node.label}</div>}
            <Link to={`/articles/${node.slug}`}>{node.title}</Link>
            {node.publishedAt && <div className="meta">{new Date(node.publishedAt).toDateString()}</div>}
            {node.summary && <p>{node.summary}</p>}
          </li>
        ))}
      </ol>
      {page.pageInfo.hasNextPage && (
        <button type="button" onClick={loadMore} disabled={loading}>
          Load more
        </button>
      )}
    </>
  );
}
