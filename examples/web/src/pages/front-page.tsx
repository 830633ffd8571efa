import { useQuery } from '@apollo/client/react';
import { ArticleList } from '../article-list';
import { graphql } from '../gql';

export const PAGE_SIZE = 5;

const FRONT_PAGE = graphql(`
  query FrontPage($first: Int!, $after: String) {
    articles(first: $first, after: $after) {
      ...ArticleList
    }
  }
`);

export function FrontPage() {
  const { data, error, loading, fetchMore } = useQuery(FRONT_PAGE, {
    variables: { first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p>Loading…</p>;
  const loadMore = () => void fetchMore({ variables: { first: PAGE_SIZE, after: data.articles.pageInfo.endCursor } });
  return (
    <>
      <h1>Latest</h1>
      <ArticleList page={data.articles} loadMore={loadMore} loading={loading} />
    </>
  );
}
