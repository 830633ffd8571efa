/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ArticleList on ArticleConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        slug\n        title\n        summary\n        label\n        publishedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": typeof types.ArticleListFragmentDoc,
    "\n  query ArticlePage($slug: String!) {\n    article(slug: $slug) {\n      id\n      title\n      label\n      byline\n      publishedAt\n      body\n      photos {\n        id\n        url\n        caption\n        altText\n        creditLine\n        credit {\n          id\n          name\n        }\n      }\n      regions {\n        id\n        code\n        name\n      }\n      sources {\n        id\n        name\n        stateAffiliated\n      }\n    }\n  }\n": typeof types.ArticlePageDocument,
    "\n  query FrontPage($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      ...ArticleList\n    }\n  }\n": typeof types.FrontPageDocument,
    "\n  query RegionPage($code: String!, $first: Int!, $after: String) {\n    region(code: $code) {\n      id\n      code\n      name\n      kind\n      ancestors {\n        id\n        code\n        name\n      }\n      children {\n        id\n        code\n        name\n      }\n      articles(first: $first, after: $after) {\n        ...ArticleList\n      }\n    }\n  }\n": typeof types.RegionPageDocument,
    "\n  query SearchPage($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          snippet\n          article {\n            id\n            slug\n            title\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SearchPageDocument,
};
const documents: Documents = {
    "\n  fragment ArticleList on ArticleConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        slug\n        title\n        summary\n        label\n        publishedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": types.ArticleListFragmentDoc,
    "\n  query ArticlePage($slug: String!) {\n    article(slug: $slug) {\n      id\n      title\n      label\n      byline\n      publishedAt\n      body\n      photos {\n        id\n        url\n        caption\n        altText\n        creditLine\n        credit {\n          id\n          name\n        }\n      }\n      regions {\n        id\n        code\n        name\n      }\n      sources {\n        id\n        name\n        stateAffiliated\n      }\n    }\n  }\n": types.ArticlePageDocument,
    "\n  query FrontPage($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      ...ArticleList\n    }\n  }\n": types.FrontPageDocument,
    "\n  query RegionPage($code: String!, $first: Int!, $after: String) {\n    region(code: $code) {\n      id\n      code\n      name\n      kind\n      ancestors {\n        id\n        code\n        name\n      }\n      children {\n        id\n        code\n        name\n      }\n      articles(first: $first, after: $after) {\n        ...ArticleList\n      }\n    }\n  }\n": types.RegionPageDocument,
    "\n  query SearchPage($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          snippet\n          article {\n            id\n            slug\n            title\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SearchPageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ArticleList on ArticleConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        slug\n        title\n        summary\n        label\n        publishedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"): (typeof documents)["\n  fragment ArticleList on ArticleConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        slug\n        title\n        summary\n        label\n        publishedAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArticlePage($slug: String!) {\n    article(slug: $slug) {\n      id\n      title\n      label\n      byline\n      publishedAt\n      body\n      photos {\n        id\n        url\n        caption\n        altText\n        creditLine\n        credit {\n          id\n          name\n        }\n      }\n      regions {\n        id\n        code\n        name\n      }\n      sources {\n        id\n        name\n        stateAffiliated\n      }\n    }\n  }\n"): (typeof documents)["\n  query ArticlePage($slug: String!) {\n    article(slug: $slug) {\n      id\n      title\n      label\n      byline\n      publishedAt\n      body\n      photos {\n        id\n        url\n        caption\n        altText\n        creditLine\n        credit {\n          id\n          name\n        }\n      }\n      regions {\n        id\n        code\n        name\n      }\n      sources {\n        id\n        name\n        stateAffiliated\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FrontPage($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      ...ArticleList\n    }\n  }\n"): (typeof documents)["\n  query FrontPage($first: Int!, $after: String) {\n    articles(first: $first, after: $after) {\n      ...ArticleList\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionPage($code: String!, $first: Int!, $after: String) {\n    region(code: $code) {\n      id\n      code\n      name\n      kind\n      ancestors {\n        id\n        code\n        name\n      }\n      children {\n        id\n        code\n        name\n      }\n      articles(first: $first, after: $after) {\n        ...ArticleList\n      }\n    }\n  }\n"): (typeof documents)["\n  query RegionPage($code: String!, $first: Int!, $after: String) {\n    region(code: $code) {\n      id\n      code\n      name\n      kind\n      ancestors {\n        id\n        code\n        name\n      }\n      children {\n        id\n        code\n        name\n      }\n      articles(first: $first, after: $after) {\n        ...ArticleList\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchPage($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          snippet\n          article {\n            id\n            slug\n            title\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchPage($query: String!, $first: Int!, $after: String) {\n    search(query: $query, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          snippet\n          article {\n            id\n            slug\n            title\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;