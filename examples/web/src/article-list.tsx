import { Link } from 'react-router';
import { graphql } from './gql';
import type { ArticleListFragment } from './gql/graphql';

// Spread by every list of articles: what a card shows, and what relayStylePagination and "Load more" need.
graphql(`
  fragment ArticleList on ArticleConnection {
    totalCount
    edges {
      cursor
      node {
        id
        slug
        title
        summary
        label
        publishedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`);

/** The articles of a connection so far, with a "Load more" button while it has more. */
export function ArticleList({
  page,
  loadMore,
  loading,
}: {
  page: ArticleListFragment;
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
