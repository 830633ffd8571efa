import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { client } from './apollo';
import { Layout } from './layout';
import { FrontPage } from './pages/front-page';
import { ArticlePage } from './pages/article-page';
import { RegionPage } from './pages/region-page';
import { SearchPage } from './pages/search-page';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<FrontPage />} />
            <Route path="articles/:slug" element={<ArticlePage />} />
            <Route path="regions/:code" element={<RegionPage />} />
            <Route path="search" element={<SearchPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
);
