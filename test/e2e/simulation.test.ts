import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, ownTenant, uniqueEmail } from './http.js';

const acme = ownTenant('simulation');
const today = () => localDate(new Date(), 'Europe/Paris');

interface SimulationItem {
  clientId: string;
  clientName: string;
  invoiceId: string;
  invoiceNumber?: string;
  stepId: string;
  templateId: string;
  action: 'send' | 'skip';
  at?: string;
  reason?: string;
}

/** A sent business invoice due in 10 days, for a new client of its own. */
const anInvoiceDueIn10Days = async (name: string) => {
  const client = await acme.post('/clients', aBusinessClientInput({ name, email: uniqueEmail('sim') }));
  const draft = await acme.post('/invoices', anInvoiceInput(client.json.id, { issueDate: today(), dueDate: addDays(today(), 10) }));
  const sent = await acme.post(`/invoices/${draft.json.id}/send`);
  expect(sent.status).toBe(200);
  return { clientId: client.json.id as string, invoiceId: draft.json.id as string, number: sent.json.number as string };
};

const simulationOf = async (invoiceId: string, query = ''): Promise<SimulationItem[]> => {
  const res = await acme.get(`/reminders/simulation${query}`);
  expect(res.status).toBe(200);
  return (res.json.items as SimulationItem[]).filter((i) => i.invoiceId === invoiceId);
};

describe('reminder simulation over HTTP', () => {
  beforeAll(async () => {
    // Another test may have switched the program off for this tenant: every reason would be program_off.
    expect((await acme.put('/settings', { remindersEnabled: true })).status).toBe(200);
  });

  it('lists the four steps of a business invoice due in 10 days as sends, in time order, for the next 30 days', async () => {
    const { invoiceId, number, clientId } = await anInvoiceDueIn10Days('Menuiserie Simon');
    const res = await acme.get('/reminders/simulation');
    const from = Date.parse(res.json.from);
    expect(Date.parse(res.json.to) - from).toBe(30 * 86_400_000);

    const items = await simulationOf(invoiceId);
    expect(items.map((i) => [i.stepId, i.action, i.templateId])).toEqual([
      ['j-5', 'send', 'courtesy'],
      ['j+1', 'send', 'reminder'],
      ['j+8', 'send', 'firm'],
      ['j+15', 'send', 'formal-notice'],
    ]);
    expect(items[0]).toMatchObject({ clientId, clientName: 'Menuiserie Simon', invoiceNumber: number });
    const times = items.map((i) => Date.parse(i.at!));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.every((t) => t >= from)).toBe(true);
  });

  it('lists the steps as skipped with opt_out once the client opts out', async () => {
    const { invoiceId, clientId } = await anInvoiceDueIn10Days('Plomberie Roux');
    expect((await acme.patch(`/clients/${clientId}`, { remindersEnabled: false })).status).toBe(200);
    const items = await simulationOf(invoiceId);
    expect(items.map((i) => [i.stepId, i.action, i.reason])).toEqual([
      ['j-5', 'skip', 'opt_out'],
      ['j+1', 'skip', 'opt_out'],
      ['j+8', 'skip', 'opt_out'],
      ['j+15', 'skip', 'opt_out'],
    ]);
  });

  it('lists the steps as skipped with paused once the invoice’s reminders are paused', async () => {
    const { invoiceId } = await anInvoiceDueIn10Days('Peinture Blanc');
    expect((await acme.patch(`/invoices/${invoiceId}`, { remindersPaused: true })).status).toBe(200);
    const items = await simulationOf(invoiceId);
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.action === 'skip' && i.reason === 'paused' && i.at !== undefined)).toBe(true);
  });

  it('keeps only the steps inside ?from=&to=, and leaves paid invoices out', async () => {
    const { invoiceId } = await anInvoiceDueIn10Days('Carrelage Petit');
    const all = await simulationOf(invoiceId);
    const from = all[1]!.at!;
    const to = all[2]!.at!;
    const window = await simulationOf(invoiceId, `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(window.map((i) => i.stepId)).toEqual(['j+1', 'j+8']);

    await acme.post(`/invoices/${invoiceId}/payments`, { amountCents: 147_500, date: today() });
    expect(await simulationOf(invoiceId)).toEqual([]);
  });

  it('refuses a window that ends before it starts (400 naming query.to)', async () => {
    const res = await acme.get('/reminders/simulation?from=2026-12-10T00:00:00.000Z&to=2026-12-01T00:00:00.000Z');
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe('query.to');
  });
});
