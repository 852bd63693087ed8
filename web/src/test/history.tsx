import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation, useNavigate, type InitialEntry } from 'react-router';

/** A stand-in page: says where it is, and has the phone's back button. */
export const Page = ({ name }: { name: string }) => {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <>
      <p>
        {name} {pathname}
      </p>
      <button type="button" onClick={() => void navigate(-1)}>
        Retour du navigateur
      </button>
    </>
  );
};

/** Renders routes over a history already holding `entries` (the last one shown), for back-button tests. */
export const renderWithHistory = (entries: InitialEntry[], routes: { path: string; element: ReactNode }[]) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={entries} initialIndex={entries.length - 1}>
        <Routes>
          {routes.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
