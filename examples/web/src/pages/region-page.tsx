import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { ArticleList } from '../article-list';
import { graphql } from '../gql';
import { PAGE_SIZE } from './front-page';

const REGION_PAGE = graphql(`
  query RegionPage($code: String!, $first: Int!, $after: String) {
    region(code: $code) {
      id
      code
      name
      kind
      ancestors {
        id
        code
        name
      }
      children {
        id
        code
        name
      }
      articles(first: $first, after: $after) {
        ...ArticleList
      }
    }
  }
`);

export function RegionPage() {
  const { code = '' } = useParams();
  const { data, error, loading, fetchMore } = useQuery(REGION_PAGE, {
    variables: { code, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p>Loading…</p>;
  const { region } = data;
  if (!region) return <p role="alert">No region with the code “{code}”.</p>;
  const loadMore = () => void fetchMore({ variables: { first: PAGE_SIZE, after: region.articles.pageInfo.endCursor } });
  return (
    <>
      <nav aria-label="Breadcrumb" className="meta">
        {[...region.ancestors].reverse().map((ancestor) => (
          <span key={ancestor.id}>
            <Link to={`/regions/${ancestor.code}`}>{ancestor.name}</Link> ›{' '}
          </span>
        ))}
      </nav>
      <h1>{region.name}</h1>
      {region.children.length > 0 && (
        <p>
          Inside:{' '}
          {region.children.map((child, index) => (
            <span key={child.id}>
              {index > 0 && ', '}
              <Link to={`/regions/${child.code}`}>{child.name}</Link>
            </span>
          ))}
        </p>
      )}
      <ArticleList page={region.articles} loadMore={loadMore} loading={loading} />
    </>
  );
}
