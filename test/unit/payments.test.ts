import { describe, expect, it } from 'vitest';
import { BusyError } from '../../shared/app/errors.js';
import { makeListPayments, makeRecordPayment, makeRemovePayment, paymentIdFor } from '../../shared/app/payments.js';
import type { RetryPolicy } from '../../shared/app/retry-on-conflict.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created } from '../../shared/http/responses.js';
import { routeList, routes } from '../../shared/http/routes.js';
import { anInvoiceRecord, FakeSettingsRepository, fixedClock, sequentialIds } from '../fixtures/fakes.js';
import { anHttpEvent, MemoryIdempotencyStore, VersionedInvoiceRepository } from '../fixtures/money-fakes.js';

const GROSS = 120_000; // anInvoiceRecord: 1,200.00 € gross, sent, unpaid

const world = (retry?: Partial<RetryPolicy>) => {
  const delays: number[] = [];
  const invoices = new VersionedInvoiceRepository().add(anInvoiceRecord());
  const deps = {
    invoices,
    settings: new FakeSettingsRepository(),
    clock: fixedClock('2026-03-20T10:00:00.000Z'),
    ids: sequentialIds('01JPAY'),
    retry: { attempts: 10, baseDelayMs: 10, maxDelayMs: 500, sleep: async (ms: number) => void delays.push(ms), random: () => 0.5, ...retry },
  };
  return { ...deps, delays, record: makeRecordPayment(deps), remove: makeRemovePayment(deps), list: makeListPayments(deps) };
};
const pay = (amountCents: number, reference?: string) => ({ amountCents, date: '2026-03-15', method: 'transfer' as const, ...(reference ? { reference } : {}) });

describe('recording payments under concurrency', () => {
  it('retries version conflicts with growing jittered delays and records the payment once', async () => {
    const w = world();
    w.invoices.conflicts = 3;
    const recorded = await w.record('acme', 'inv1', pay(20_000));
    expect(recorded.invoice).toMatchObject({ paidCents: 20_000, balanceCents: GROSS - 20_000, status: 'partially_paid' });
    expect(await w.list('acme', 'inv1')).toEqual([expect.objectContaining({ id: recorded.id, amountCents: 20_000 })]);
    expect(w.delays).toEqual([5, 10, 20]); // random 0.5 × min(500, 10·2^(n-1))
    expect(await w.list('acme', 'inv1')).toHaveLength(1);
  });

  it('gives up after the bounded attempts with a 503 and writes nothing', async () => {
    const w = world({ attempts: 4 });
    w.invoices.conflicts = 100;
    const error = await w.record('acme', 'inv1', pay(20_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusyError);
    expect((error as BusyError).status).toBe(503);
    expect(w.delays).toHaveLength(3);
    expect(w.invoices.saves).toBe(0);
    expect((await w.invoices.get('acme', 'inv1'))!.paidCents).toBe(0);
  });

  it('accepts 12 payments racing on one invoice, with an exact balance', async () => {
    const w = world({ attempts: 20, sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)), random: Math.random });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => w.record('acme', 'inv1', pay(10_000, `r${i}`))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const invoice = (await w.invoices.get('acme', 'inv1'))!;
    expect(invoice).toMatchObject({ paidCents: GROSS, status: 'paid', version: 2 + 12 });
    expect((await w.list('acme', 'inv1')).map((p) => p.reference).sort()).toHaveLength(12);
  });

  it('never overpays: of two racing payments of 60 %, one is refused with 422 on body.amountCents', async () => {
    const w = world({ sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)), random: Math.random });
    const results = await Promise.allSettled([w.record('acme', 'inv1', pay(72_000, 'a')), w.record('acme', 'inv1', pay(72_000, 'b'))]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ status: 422, errors: [{ path: 'body.amountCents' }] });
    expect((await w.invoices.get('acme', 'inv1'))!.paidCents).toBe(72_000);
  });

  it('removes a payment once even when two removals race', async () => {
    const w = world({ sleep: (ms: number) => new Promise((r) => setTimeout(r, ms)), random: Math.random });
    await w.record('acme', 'inv1', pay(30_000));
    const [payment] = await w.list('acme', 'inv1');
    const results = await Promise.allSettled([w.remove('acme', 'inv1', payment!.id), w.remove('acme', 'inv1', payment!.id)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? 200 : (r.reason as { status: number }).status)).sort()).toEqual([200, 404]);
    expect((await w.invoices.get('acme', 'inv1'))!).toMatchObject({ paidCents: 0, status: 'sent' });
  });
});

describe('a payment keyed by its Idempotency-Key', () => {
  it('derives the same id from tenant, invoice and key, and a different one when any changes', () => {
    const id = paymentIdFor('acme', 'inv1', 'k1');
    expect(id).toBe(paymentIdFor('acme', 'inv1', 'k1'));
    expect(id).toMatch(/^[0-9A-Za-z_-]{1,64}$/);
    expect(new Set([id, paymentIdFor('globex', 'inv1', 'k1'), paymentIdFor('acme', 'inv2', 'k1'), paymentIdFor('acme', 'inv1', 'k2')]).size).toBe(4);
  });

  it('is recorded once when the use case runs twice with the same key', async () => {
    const w = world();
    await w.record('acme', 'inv1', pay(20_000), 'key-1');
    const again = await w.record('acme', 'inv1', pay(20_000), 'key-1');
    expect(again.invoice.paidCents).toBe(20_000);
    expect(again.id).toBe(paymentIdFor('acme', 'inv1', 'key-1'));
    expect(await w.list('acme', 'inv1')).toEqual([expect.objectContaining({ id: paymentIdFor('acme', 'inv1', 'key-1'), amountCents: 20_000 })]);
  });

  it('refuses the same key with another amount (422 on the header), and records nothing', async () => {
    const w = world();
    await w.record('acme', 'inv1', pay(20_000), 'key-1');
    await expect(w.record('acme', 'inv1', pay(25_000), 'key-1')).rejects.toMatchObject({ status: 422, errors: [{ path: 'headers.idempotency-key' }] });
    expect((await w.invoices.get('acme', 'inv1'))!.paidCents).toBe(20_000);
  });

  it('over HTTP: when the idempotency record fails to complete, the retry still records the payment once', async () => {
    const w = world();
    const store = new MemoryIdempotencyStore();
    const handler = httpHandler(routes.recordPayment, async ({ tenantId, params, body, idempotencyKey }) => created(await w.record(tenantId, params.id, body, idempotencyKey)), {
      idempotency: () => store,
    });
    const event = () =>
      anHttpEvent('acme', { method: 'POST', path: '/invoices/inv1/payments', pathParameters: { id: 'inv1' }, body: pay(20_000), headers: { 'idempotency-key': 'pay-1' } });
    const call = async () => (await handler(event(), {} as never)) as { statusCode: number; body: string };

    store.failCompletions = 1;
    const first = await call();
    expect(first.statusCode).toBe(201); // the work is done: answered, not turned into a 500
    expect((await call()).statusCode).toBe(409); // record still in flight: no second run yet
    store.expireAll(); // the lease runs out (or the record is lost): the key is free again
    const retried = await call();
    expect(retried.statusCode).toBe(201);
    expect(JSON.parse(retried.body)).toMatchObject({ id: paymentIdFor('acme', 'inv1', 'pay-1'), amountCents: 20_000, invoice: { paidCents: 20_000, balanceCents: GROSS - 20_000 } });
    expect(await w.list('acme', 'inv1')).toHaveLength(1);
    expect((await w.invoices.timeline('acme', 'inv1', { limit: 50 })).items.filter((e) => e.type === 'payment.recorded')).toHaveLength(1);
    const replayed = await call();
    expect(replayed.statusCode).toBe(201);
    expect(JSON.parse(replayed.body).invoice.paidCents).toBe(20_000);
  });
});

describe('idempotency wiring', () => {
  it('refuses to build the handler of an idempotent route without its store', () => {
    const build = httpHandler as (route: unknown, fn: unknown, options?: unknown) => unknown;
    expect(() => build(routes.recordPayment, async () => created({}))).toThrow(/idempotency store/);
    expect(() => build(routes.getInvoice, async () => created({}))).not.toThrow();
  });

  it('flags every POST that creates or sends as idempotent', () => {
    const creatingOrSending = routeList().filter((r) => r.method === 'POST' && (r.successStatus === 201 || r.email === true) && r.name !== 'testTemplate');
    expect(creatingOrSending.length).toBeGreaterThan(10);
    expect(creatingOrSending.filter((r) => !r.idempotent).map((r) => r.name)).toEqual([]);
  });
});
