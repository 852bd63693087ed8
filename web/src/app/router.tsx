/**
 * Routes, each screen its own chunk (React Router `lazy`): the first load carries the shell,
 * the router, the query client and i18n; a screen's code comes when it is opened.
 */
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AuthCallback } from '../features/auth/auth-callback';
import { RequireAuth } from '../features/auth/require-auth';
import { Layout } from '../components/layout';
import { RouteError } from '../components/route-error';
import { Loading } from '../components/ui';

const screen = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  { path: '/auth/callback', element: <AuthCallback /> },
  // hydrateFallbackElement: what shows while the first screen's chunk loads (without it, nothing, and a console warning).
  { path: '/p/:token', ...screen(() => import('../features/portal/portal-screen')), errorElement: <RouteError />, hydrateFallbackElement: <Loading /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, ...screen(() => import('../features/home/home-screen')) },
      { path: 'invoices', ...screen(() => import('../features/invoices/routes/invoices-screen')) },
      { path: 'invoices/new', ...screen(() => import('../features/invoices/routes/new-invoice-screen')) },
      { path: 'invoices/:id', ...screen(() => import('../features/invoices/routes/invoice-screen')) },
      { path: 'invoices/:id/edit', ...screen(() => import('../features/invoices/routes/edit-invoice-screen')) },
      { path: 'clients', ...screen(() => import('../features/clients/routes/clients-screen')) },
      { path: 'clients/new', ...screen(() => import('../features/clients/routes/new-client-screen')) },
      { path: 'clients/:id', ...screen(() => import('../features/clients/routes/client-screen')) },
      { path: 'quotes', ...screen(() => import('../features/quotes/routes/quotes-screen')) },
      { path: 'quotes/new', ...screen(() => import('../features/quotes/routes/new-quote-screen')) },
      { path: 'quotes/:id', ...screen(() => import('../features/quotes/routes/quote-screen')) },
      { path: 'quotes/:id/edit', ...screen(() => import('../features/quotes/routes/edit-quote-screen')) },
      { path: 'templates', ...screen(() => import('../features/templates/routes/templates-screen')) },
      { path: 'templates/:id', ...screen(() => import('../features/templates/routes/template-screen')) },
      { path: 'scenarios', ...screen(() => import('../features/scenarios/routes/scenarios-screen')) },
      { path: 'scenarios/:id', ...screen(() => import('../features/scenarios/routes/scenario-screen')) },
      { path: 'settings', ...screen(() => import('../features/settings/settings-screen')) },
      { path: 'notifications', ...screen(() => import('../features/notifications/notifications-screen')) },
      { path: 'import', ...screen(() => import('../features/import/import-screen')) },
      { path: 'letters', ...screen(() => import('../features/letters/letters-screen')) },
      { path: 'simulation', ...screen(() => import('../features/simulation/simulation-screen')) },
      { path: '*', ...screen(() => import('../components/not-found')) },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
