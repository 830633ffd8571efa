import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * One cache for every page: objects are stored once by `__typename` + `id` (the API's global ids),
 * so an article read on the front page is the same record the article page updates. Each list is
 * a Relay connection; `relayStylePagination` appends the pages `fetchMore` brings to the list that
 * the key arguments name (another filter or query is another list).
 */
export const client = new ApolloClient({
  link: new HttpLink({ uri: '/graphql' }),
  cache: new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          articles: relayStylePagination(['filter']),
          search: relayStylePagination(['query', 'filter']),
        },
      },
      Region: { fields: { articles: relayStylePagination(['includeDescendants']) } },
    },
  }),
});
