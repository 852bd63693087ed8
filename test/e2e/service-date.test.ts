/**
 * The date of the sale or service, printed on the invoice when it differs from the invoice date
 * (CGI 242 nonies A), or the days of a job done over several: `serviceDate` and `serviceEndDate`,
 * set on a draft, fixed once it is sent. Over HTTP on the local stack, the PDF read back.
 */
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const slash = (date: string) => date.split('-').reverse().join('/');

describe('the date of the service on an invoice', () => {
  it('is printed as a day or a period, checked (an end needs its first day, not before it) and fixed once sent', async () => {
    const t = await freshTenant('service-date');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('service-date') }));
    const today = parisToday();
    const day = addDays(today, -12);

    for (const [body, message] of [
      [{ serviceDate: day, serviceEndDate: addDays(day, -1) }, 'must not be before serviceDate'],
      [{ serviceEndDate: day }, 'needs serviceDate, the first day of the service'],
    ] as const) {
      const res = await t.call('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate: addDays(today, 30), ...body }));
      expect([res.status, res.json.errors]).toEqual([400, [{ path: 'body.serviceEndDate', message }]]);
    }
    expect((await t.call('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate: addDays(today, 30), serviceDate: '1999-12-31' }))).json.errors[0].path).toBe('body.serviceDate');

    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate: addDays(today, 30), serviceDate: day }));
    expect(draft).toMatchObject({ serviceDate: day });
    const pdfText = async () => {
      const res = await t.call('GET', `/invoices/${draft.id}/pdf`);
      expect(res.status).toBe(200);
      return (await extractText(await getDocumentProxy(res.bytes!), { mergePages: true })).text;
    };
    expect(await pdfText()).toContain(`Date de la prestation : ${slash(day)}`);

    // A job over several days: its first and last day.
    const end = addDays(day, 3);
    expect(await t.ok('PATCH', `/invoices/${draft.id}`, { serviceEndDate: end })).toMatchObject({ serviceDate: day, serviceEndDate: end });
    expect(await pdfText()).toContain(`Prestation du ${slash(day)} au ${slash(end)}`);
    // Removing the first day alone would leave an end with no start.
    const orphan = await t.call('PATCH', `/invoices/${draft.id}`, { serviceDate: null });
    expect([orphan.status, orphan.json.errors?.[0]?.path]).toEqual([400, 'body.serviceEndDate']);
    const cleared = await t.ok('PATCH', `/invoices/${draft.id}`, { serviceDate: null, serviceEndDate: null });
    expect([cleared.serviceDate, cleared.serviceEndDate]).toEqual([undefined, undefined]);
    expect(await pdfText()).not.toContain('prestation');

    await t.ok('PATCH', `/invoices/${draft.id}`, { serviceDate: day });
    await t.ok('POST', `/invoices/${draft.id}/send`);
    const locked = await t.call('PATCH', `/invoices/${draft.id}`, { serviceDate: today });
    expect([locked.status, locked.json.errors?.[0]?.path]).toEqual([422, 'body.serviceDate']);
    expect((await t.ok('GET', `/invoices/${draft.id}`)).serviceDate).toBe(day);
  }, 60_000);
});
