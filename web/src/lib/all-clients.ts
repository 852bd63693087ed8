/**
 * Every client of the tenant, for the pickers and the names shown beside invoices and quotes:
 * GET /clients answers at most 100 a page, so the pages are followed (an import easily brings
 * more than 100 clients; the 101st was missing from the pickers and its invoices showed "…").
 */
import { api, unwrap } from './api-client';

/** A bound on the pages read (100 clients each), so a broken cursor cannot loop for ever. */
export const MAX_CLIENT_PAGES = 100;

export const listAllClients = async () => {
  const first = await unwrap(api().GET('/clients', { params: { query: { limit: 100 } } }));
  const items = [...first.items];
  let cursor = first.nextCursor;
  for (let page = 1; cursor && page < MAX_CLIENT_PAGES; page++) {
    const next = await unwrap(api().GET('/clients', { params: { query: { limit: 100, cursor } } }));
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return items;
};
