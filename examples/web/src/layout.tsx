import { type FormEvent } from 'react';
import { Link, Outlet, useNavigate, useSearchParams } from 'react-router';

export function Layout() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    if (query) navigate(`/search?${new URLSearchParams({ q: query })}`);
  };
  return (
    <>
      <header>
        <Link to="/">Content gateway</Link>
        <form role="search" onSubmit={search}>
          <input type="search" name="q" aria-label="Search articles" defaultValue={params.get('q') ?? ''} />{' '}
          <button type="submit">Search</button>
        </form>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
