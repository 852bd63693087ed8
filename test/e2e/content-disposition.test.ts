import { beforeAll, describe, expect, inject, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A PDF's file name comes from the invoice's number, and an imported invoice keeps the number it was
 * given (any text up to 64 characters): `N°12`, `F€1`, a quote, a line break, a path. Its
 * Content-Disposition stays one valid ASCII header (RFC 6266: a plain `filename` with the unsafe
 * characters replaced, the exact name in `filename*` as UTF-8), so the PDF downloads: before, `F€1`
 * and a line break were a 500 (Node refuses such header bytes), `N°12` went out as a raw Latin-1
 * byte, `A"B` broke the quoted name and `../../x` named a path.
 */
const NUMBERS = ['N°12 été', 'F€1', 'X\r\nSet-Cookie: a=b', 'A"B', '../../etc/passwd', 'a;b\\c'];
const SAFE = /^(inline|attachment); filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,;=:@-]+$/;

let t: FreshTenant;
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await freshTenant('disposition');
  await t.ok('PUT', '/settings', companySettings);
  const res = await t.ok('POST', '/imports/invoices', {
    invoices: NUMBERS.map((number, n) => ({
      number,
      client: { name: `Client ${n}`, email: `disposition-${n}-${Date.now().toString(36)}@client.test`, kind: 'business' },
      issueDate: '2026-09-01',
      dueDate: '2026-10-01',
      grossCents: 12_000,
      paidCents: 0,
    })),
  });
  expect(res.created, JSON.stringify(res)).toBe(NUMBERS.length);
  await t.drain();
  for (const invoice of (await t.ok('GET', '/invoices?limit=50')).items as { id: string; number: string }[]) ids.set(invoice.number, invoice.id);
  expect([...ids.keys()].sort()).toEqual([...NUMBERS].sort());
}, 60_000);

/** The name a browser saves: `filename*` decoded. */
const savedName = (header: string) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!);

describe('Content-Disposition of the PDFs', () => {
  it('is one ASCII header with the exact name in filename*, on the invoice, its proof file and the portal', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    for (const number of NUMBERS) {
      const id = ids.get(number)!;
      const link = await t.ok('POST', `/invoices/${id}/portal-link`);
      const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(link.url)![1]!;
      const answers = [
        ['pdf', await t.call('GET', `/invoices/${id}/pdf`)],
        ['proof', await t.call('GET', `/invoices/${id}/proof.pdf`)],
        ['portal', await fetch(`${inject('apiUrl')}/portal/${token}/pdf`).then((r) => ({ status: r.status, headers: r.headers }))],
      ] as const;
      for (const [what, res] of answers) {
        const header = res.headers.get('content-disposition') ?? '';
        if (res.status !== 200) wrong.push(`${JSON.stringify(number)} ${what} → ${res.status}`);
        else if (!SAFE.test(header)) wrong.push(`${JSON.stringify(number)} ${what} → ${JSON.stringify(header)}`);
        else {
          const name = savedName(header);
          if (/[\r\n/\\"]/.test(name) || !name.endsWith('.pdf')) wrong.push(`${JSON.stringify(number)} ${what} saves as ${JSON.stringify(name)}`);
        }
        if (res.headers.get('set-cookie') !== null) wrong.push(`${JSON.stringify(number)} ${what} set a cookie`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the number as typed where it is safe: accents and symbols in filename*, a close ASCII name in filename', async () => {
    const res = await t.call('GET', `/invoices/${ids.get('N°12 été')!}/pdf`);
    const header = res.headers.get('content-disposition')!;
    expect(savedName(header)).toBe('N°12 été.pdf');
    expect(header).toContain('filename="N_12 ete.pdf"');
  });
});
