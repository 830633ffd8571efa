import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import { PAGE_SIZE } from './front-page';

const SEARCH_PAGE = graphql(`
  query SearchPage($query: String!, $first: Int!, $after: String) {
    search(query: $query, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          snippet
          article {
            id
            slug
            title
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function SearchPage() {
  const [params] = useSearchParams();
  const query = params.get('q') ?? '';
  const { data, error, loading, fetchMore } = useQuery(SEARCH_PAGE, {
    variables: { query, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p>Searching…</p>;
  const { search } = data;
  return (
    <>
      <h1>Search: {query}</h1>
      <p className="meta">{search.totalCount} found</p>
      <ol className="articles">
        {search.edges.map(({ node }) => (
          <li key={node.article.id}>
            <Link to={`/articles/${node.article.slug}`}>{node.article.title}</Link>
            {/* The API escapes the text and adds only <mark> around the matched words (schema: SearchHit.snippet). */}
            <p dangerouslySetInnerHTML={{ __html: node.snippet }} />
          </li>
        ))}
      </ol>
      {search.pageInfo.hasNextPage && (
        <button
          type="button"
          disabled={loading}
          onClick={() => void fetchMore({ variables: { after: search.pageInfo.endCursor } })}
        >
          More results
        </button>
      )}
    </>
  );
}
