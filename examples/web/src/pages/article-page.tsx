import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { graphql } from '../gql';

const ARTICLE_PAGE = graphql(`
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      id
      title
      label
      byline
      publishedAt
      body
      photos {
        id
        url
        caption
        altText
        creditLine
        credit {
          id
          name
        }
      }
      regions {
        id
        code
        name
      }
      sources {
        id
        name
        stateAffiliated
      }
    }
  }
`);

export function ArticlePage() {
  const { slug = '' } = useParams();
  const { data, error } = useQuery(ARTICLE_PAGE, { variables: { slug } });
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p>Loading…</p>;
  const { article } = data;
  if (!article) return <p role="alert">No article at “{slug}”.</p>;
  return (
    <article>
      {article.label && <div className="meta">{article.label}</div>}
      <h1>{article.title}</h1>
      <p className="meta">
        {article.byline.join(', ')}
        {article.publishedAt && ` · ${new Date(article.publishedAt).toDateString()}`}
      </p>
      <nav aria-label="Regions">
        {article.regions.map((region, index) => (
          <span key={region.id}>
            {index > 0 && ' · '}
            <Link to={`/regions/${region.code}`}>{region.name}</Link>
          </span>
        ))}
      </nav>
      {article.body.split(/\n\s*\n/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      <section aria-label="Photos">
        {article.photos.map((photo) => (
          <figure key={photo.id}>
            <img src={photo.url} alt={photo.altText ?? photo.caption ?? 'Photo'} loading="lazy" />
            <figcaption>
              {photo.caption && <span>{photo.caption} </span>}
              <span className="credit">{photo.credit ? `Photo: ${photo.credit.name}` : 'No credit given'}</span>
            </figcaption>
          </figure>
        ))}
      </section>
      <h2>Sources</h2>
      <ul>
        {article.sources.map((source) => (
          <li key={source.id}>
            {source.name}
            {source.stateAffiliated && ' (state-affiliated)'}
          </li>
        ))}
      </ul>
    </article>
  );
}
