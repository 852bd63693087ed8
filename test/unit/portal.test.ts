import { beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { makeClaimPaid, makePortalDispute, makePromisePayment } from '../../shared/app/portal/portal-actions.js';
import { derivePortalToken, hashPortalToken, makePortalLinks, PREVIEW_PORTAL_TOKEN, resolvePortalToken } from '../../shared/app/portal/portal-links.js';
import { makeReissuePortalLink, makeRevokePortalLinks } from '../../shared/app/portal/portal-link-admin.js';
import { makeGetPortalView } from '../../shared/app/portal/portal-view.js';
import { makeAutoResume, makeDisputeInvoice, makePauseInvoice, makeResolveDispute, makeResumeInvoice } from '../../shared/app/reminder-holds.js';
import { resumeSchedule } from '../../shared/app/reminders/reconcile-schedules.js';
import type { PortalTokenRecord, PortalTokenRepository } from '../../shared/app/ports.js';
import { addBusinessDays, lengthenPause, portalExpired, promiseDateProblem, renderPaymentUrl } from '../../shared/domain/portal.js';
import { parseEpcPayload } from '../../shared/domain/epc-qr.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeSettingsRepository, fixedClock } from '../fixtures/fakes.js';

class FakePortalTokens implements PortalTokenRepository {
  readonly items = new Map<string, PortalTokenRecord>();
  puts = 0;
  finds = 0;
  /** As DynamoPortalTokens: a hash already stored is kept as it is. */
  async put(record: PortalTokenRecord) {
    this.puts += 1;
    if (!this.items.has(record.tokenHash)) this.items.set(record.tokenHash, { ...record });
  }
  async find(hash: string) {
    this.finds += 1;
    return this.items.get(hash);
  }
}

const TODAY = '2026-03-16'; // a Monday
let tokens: FakePortalTokens;
let invoices: FakeInvoiceRepository;
let settings: FakeSettingsRepository;
let clients: FakeClientRepository;
let clock: ReturnType<typeof fixedClock>;
let counter = 0;
const deps = () => ({ tokens, invoices, settings, clients, clock, qr: { svg: (t: string) => `<svg>${t.length}</svg>` } });
const links = () => makePortalLinks({ tokens, random: { next: () => `tok${String(++counter).padStart(40, '0')}` }, clock, webBaseUrl: 'https://app.example/' });
const seller = { name: 'Plomberie Martin', siren: '123456782', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };
const issued = { seller, client: { name: 'Dupont SARL', kind: 'business' as const, email: 'c@d.test', language: 'fr' as const }, penaltyRatePercent: 12.15 };

beforeEach(async () => {
  tokens = new FakePortalTokens();
  invoices = new FakeInvoiceRepository().add(anInvoiceRecord({ issued }));
  settings = new FakeSettingsRepository();
  await settings.put('acme', { ...defaultSettings(), company: { ...seller, name: 'Nouveau nom' }, paymentUrl: 'https://pay.example/?r={{invoiceNumber}}&a={{balance}}' });
  clients = new FakeClientRepository();
  await clients.create('acme', aClient({ id: 'c1' }));
  clock = fixedClock(`${TODAY}T10:00:00Z`);
});

const tokenOf = (url: string) => url.split('/p/')[1]!;
const issue = async () => tokenOf((await links().issue((await invoices.get('acme', 'inv1'))!))!);
const eventTypes = async () => (invoices.events.get('acme|inv1') ?? []).map((e) => e.type);

describe('portal links', () => {
  it('stores only the SHA-256 of the token, under a key without the tenant', async () => {
    const token = await issue();
    expect([...tokens.items.keys()]).toEqual([hashPortalToken(token)]);
    expect(JSON.stringify([...tokens.items.values()])).not.toContain(token);
    expect((await resolvePortalToken(deps(), token)).invoice.id).toBe('inv1');
  });

  it('gives no link without a web address or when the invoice’s links are off', async () => {
    expect(await makePortalLinks({ tokens, random: { next: () => 'x'.repeat(43) }, clock }).issue(anInvoiceRecord())).toBeUndefined();
    expect(await links().issue(anInvoiceRecord({ portalDisabled: true }))).toBeUndefined();
  });

  it('previews a link with a placeholder token, writing nothing; the placeholder opens nothing', async () => {
    expect(links().preview(anInvoiceRecord())).toBe(`https://app.example/p/${PREVIEW_PORTAL_TOKEN}`);
    expect(links().preview(anInvoiceRecord({ portalDisabled: true }))).toBeUndefined();
    expect(makePortalLinks({ tokens, random: { next: () => 'x'.repeat(43) }, clock }).preview(anInvoiceRecord())).toBeUndefined();
    expect(tokens.items.size).toBe(0);
    await expect(resolvePortalToken(deps(), PREVIEW_PORTAL_TOKEN)).rejects.toMatchObject({ status: 404 });
  });

  it('answers the same 404 for an unknown, malformed, revoked, re-issued or expired link', async () => {
    const token = await issue();
    const admin = { invoices, settings, clock };
    const failures: unknown[] = [];
    const attempt = async (t: string) => failures.push(await resolvePortalToken(deps(), t).then(() => 'opened', (e: Error) => `${e.constructor.name}: ${e.message}`));
    await attempt('A'.repeat(43));
    await attempt('short');
    await makeRevokePortalLinks(admin)('acme', 'inv1');
    await attempt(token);
    const fresh = tokenOf((await makeReissuePortalLink({ ...admin, links: links() })('acme', 'inv1')).url);
    expect((await resolvePortalToken(deps(), fresh)).invoice.id).toBe('inv1');
    await attempt(token);
    // Paid a year and a day ago: expired.
    const paid = (await invoices.get('acme', 'inv1'))!;
    await invoices.save({ ...paid, status: 'paid', paidCents: paid.totals.grossCents, lastPaymentAt: '2025-03-15T09:00:00Z' });
    await attempt(fresh);
    expect(failures).toEqual(Array(5).fill('NotFoundError: Portal link not found'));
    expect(await eventTypes()).toEqual(['portal.link_revoked', 'portal.link_issued']);
  });
});

describe('stable portal links (derived from the portal secret)', () => {
  const SECRET = 'k'.repeat(43);
  let secretReads = 0;
  const stable = (secret = SECRET) =>
    makePortalLinks({
      tokens,
      random: { next: () => `tok${String(++counter).padStart(40, '0')}` },
      clock,
      webBaseUrl: 'https://app.example/',
      secret: async () => {
        secretReads += 1;
        return secret;
      },
    });
  const current = async (id = 'inv1') => (await invoices.get('acme', id))!;

  it('gives the same link for every issue of an invoice and generation, storing it once (the later issues write nothing)', async () => {
    const links = stable();
    const first = (await links.issue(await current()))!;
    const second = (await links.issue(await current()))!;
    expect(second).toBe(first);
    expect(tokens.items.size).toBe(1);
    expect(tokens.puts).toBe(1);
    // 43 base64url characters: 256 bits; the HMAC of tenant, invoice and generation under the secret.
    expect(tokenOf(first)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenOf(first)).toBe(derivePortalToken(SECRET, await current()));
    expect([...tokens.items.values()]).toEqual([{ tokenHash: hashPortalToken(tokenOf(first)), tenantId: 'acme', invoiceId: 'inv1', generation: 0, createdAt: `${TODAY}T10:00:00.000Z` }]);
    expect((await resolvePortalToken(deps(), tokenOf(first))).invoice.id).toBe('inv1');
    // Another container (a new PortalLinks, the same secret) gives the same link, still without writing.
    expect(await stable().issue(await current())).toBe(first);
    expect(tokens.puts).toBe(1);
  });

  it('skips the lookup when the invoice records its link stored (same generation, same secret), never otherwise', async () => {
    const derived = stable();
    const invoice = await current();
    const first = (await derived.issue(invoice))!;
    const marker = await derived.storedMarker(invoice);
    expect(marker).toMatch(/^0:[0-9a-f]{12}$/);
    const finds = tokens.finds;
    expect(await derived.issue({ ...invoice, portalLinkStored: marker })).toBe(first);
    expect(tokens.finds).toBe(finds);
    expect(tokens.puts).toBe(1);
    // A marker of another secret (rotated, a new local stack) or generation: looked up (and stored) again.
    const other = stable('z'.repeat(43));
    const otherLink = (await other.issue({ ...invoice, portalLinkStored: marker }))!;
    expect(tokens.finds).toBe(finds + 1);
    await derived.issue({ ...invoice, portalGeneration: 1, portalLinkStored: marker });
    expect(tokens.finds).toBe(finds + 2);
    expect((await resolvePortalToken(deps(), tokenOf(otherLink))).invoice.id).toBe('inv1');
    // Without the secret there is nothing to remember.
    expect(await links().storedMarker(invoice)).toBeUndefined();
  });

  it('two first issues at once give the same link and one stored token', async () => {
    const links = stable();
    const [a, b] = await Promise.all([links.issue(await current()), links.issue(await current())]);
    expect(a).toBe(b);
    expect(tokens.items.size).toBe(1);
  });

  it('a new generation (re-issue) gives a new link; the old one no longer opens, the new one is stable', async () => {
    const links = stable();
    const old = tokenOf((await links.issue(await current()))!);
    const fresh = tokenOf((await makeReissuePortalLink({ invoices, settings, clock, links })('acme', 'inv1')).url);
    expect(fresh).not.toBe(old);
    expect(fresh).toBe(derivePortalToken(SECRET, { tenantId: 'acme', id: 'inv1', portalGeneration: 1 }));
    await expect(resolvePortalToken(deps(), old)).rejects.toMatchObject({ status: 404 });
    expect((await resolvePortalToken(deps(), fresh)).record.generation).toBe(1);
    expect(tokenOf((await links.issue(await current()))!)).toBe(fresh);
    // Revoked: no link at all, and neither token opens.
    await makeRevokePortalLinks({ invoices, settings, clock })('acme', 'inv1');
    expect(await links.issue(await current())).toBeUndefined();
    await expect(resolvePortalToken(deps(), fresh)).rejects.toMatchObject({ status: 404 });
  });

  it('gives each invoice, each tenant and each secret its own link', async () => {
    const links = stable();
    const inv1 = await current();
    const a = await links.issue(inv1);
    const b = await links.issue({ ...inv1, id: 'inv2' });
    const c = await links.issue({ ...inv1, tenantId: 'other' });
    const d = await stable('z'.repeat(43)).issue(inv1);
    expect(new Set([a, b, c, d]).size).toBe(4);
    expect(tokens.items.size).toBe(4);
  });

  it('reads the secret on issue only, never for a preview or a disabled invoice', async () => {
    secretReads = 0;
    const links = stable();
    links.preview(await current());
    expect(await links.issue({ ...(await current()), portalDisabled: true })).toBeUndefined();
    expect(secretReads).toBe(0);
    await links.issue(await current());
    expect(secretReads).toBe(1);
  });

  it('without a secret: a new random link per issue, each stored (as before)', async () => {
    const a = await links().issue(await current());
    const b = await links().issue(await current());
    expect(a).not.toBe(b);
    expect(tokens.items.size).toBe(2);
    for (const url of [a!, b!]) expect((await resolvePortalToken(deps(), tokenOf(url))).invoice.id).toBe('inv1');
  });
});

describe('portal view', () => {
  it('shows the frozen seller, the balance, the payment link and an EPC payload for the balance; records the first view once', async () => {
    const token = await issue();
    const view = await makeGetPortalView(deps())(token);
    expect(view.seller).toEqual({ name: 'Plomberie Martin', siren: '123456782' });
    expect(view.payment.paymentUrl).toBe('https://pay.example/?r=F-2026-0001&a=1200.00');
    expect(parseEpcPayload(view.payment.epcQr!.payload)).toMatchObject({ iban: seller.iban, bic: 'AGRIFRPP', amountCents: 120_000, remittance: 'F-2026-0001', beneficiaryName: 'Plomberie Martin' });
    await makeGetPortalView(deps())(token);
    expect((await eventTypes()).filter((t) => t === 'portal.viewed')).toHaveLength(1);
  });
});

describe('the portal of an invoice under a payment plan that waives the fees', () => {
  const plan = { seq: 1, createdAt: `${TODAY}T09:00:00Z`, instalments: [{ dueDate: '2026-04-10', amountCents: 120_000 }], totalCents: 120_000, waivePenalties: true, source: 'owner' as const, status: 'active' as const };
  it('says so to a business, never to a consumer, who owes no penalties nor €40 (DOMAIN: no fees lines for consumers)', async () => {
    invoices.add(anInvoiceRecord({ issued, paymentPlan: plan }));
    const token = await issue();
    expect((await makeGetPortalView(deps())(token)).paymentPlan?.waivePenalties).toBe(true);
    invoices.add(anInvoiceRecord({ issued: { ...issued, client: { ...issued.client, kind: 'consumer' } }, clientKind: 'consumer', paymentPlan: plan }));
    const view = await makeGetPortalView(deps())(token);
    expect(view.paymentPlan?.instalments).toHaveLength(1);
    expect(view.paymentPlan?.waivePenalties).toBe(false);
  });
});

describe('portal actions', () => {
  it('"j’ai payé" pauses 5 business days and keeps the claim; a future date is refused', async () => {
    const token = await issue();
    await expect(makeClaimPaid(deps())(token, { date: '2026-03-17' })).rejects.toMatchObject({ status: 422, errors: [{ path: 'body.date' }] });
    const result = await makeClaimPaid(deps())(token, { date: TODAY, reference: 'VIR-1' });
    expect(result).toEqual({ remindersPaused: true, pausedUntil: '2026-03-23', disputed: false });
    expect((await invoices.get('acme', 'inv1'))!.paidClaim).toEqual({ date: TODAY, reference: 'VIR-1', at: `${TODAY}T10:00:00.000Z` });
    expect(invoices.events.get('acme|inv1')!.at(-1)).toMatchObject({ type: 'portal.paid_claimed', data: { date: TODAY, reference: 'VIR-1' } });
  });

  it('a promise resumes the day after its date, never shortens an owner’s open-ended pause, and is refused beyond 60 days', async () => {
    const token = await issue();
    await expect(makePromisePayment(deps())(token, { date: '2026-05-16' })).rejects.toMatchObject({ errors: [{ path: 'body.date', message: expect.stringContaining('60 days') }] });
    await expect(makePromisePayment(deps())(token, { date: '2026-03-15' })).rejects.toMatchObject({ errors: [{ path: 'body.date', message: 'must not be in the past' }] });
    expect(await makePromisePayment(deps())(token, { date: '2026-04-10' })).toEqual({ remindersPaused: true, pausedUntil: '2026-04-11', disputed: false });

    await makePauseInvoice({ invoices, settings, clock })('acme', 'inv1', { reason: 'chantier' });
    const kept = await makePromisePayment(deps())(token, { date: '2026-04-20' });
    expect(kept).toEqual({ remindersPaused: true, disputed: false });
  });

  it('a promise moved earlier brings the reminders back the day after the new date, never before a "j’ai payé" still being checked', async () => {
    const token = await issue();
    await makePromisePayment(deps())(token, { date: '2026-04-30' });
    expect(await makePromisePayment(deps())(token, { date: '2026-04-10' })).toEqual({ remindersPaused: true, pausedUntil: '2026-04-11', disputed: false });
    expect((await invoices.get('acme', 'inv1'))!).toMatchObject({ promisedFor: '2026-04-10', pausedUntil: '2026-04-11', pauseReason: 'promise' });
    const promised = () => eventTypes().then((types) => types.filter((t) => t === 'portal.promised').length);
    expect(await promised()).toBe(2);
    // The same promise again: nothing written, the owner not told twice.
    await makePromisePayment(deps())(token, { date: '2026-04-10' });
    expect(await promised()).toBe(2);
    // A "j'ai payé" (checked until 2026-03-23), then a promise for tomorrow: the claim's pause holds.
    await makeClaimPaid(deps())(token, { date: TODAY, reference: 'VIR-1' });
    expect(await makePromisePayment(deps())(token, { date: '2026-03-17' })).toEqual({ remindersPaused: true, pausedUntil: '2026-03-23', disputed: false });
    // An owner's pause is never shortened by a promise.
    await makePauseInvoice({ invoices, settings, clock })('acme', 'inv1', { reason: 'chantier', until: '2026-05-01' });
    expect(await makePromisePayment(deps())(token, { date: '2026-03-20' })).toEqual({ remindersPaused: true, pausedUntil: '2026-05-01', disputed: false });
  });

  it('the same claim twice writes once; once its pause has lapsed, saying it again is news again', async () => {
    const token = await issue();
    const first = await makeClaimPaid(deps())(token, { date: TODAY, reference: 'VIR-1' });
    expect(await makeClaimPaid(deps())(token, { date: TODAY, reference: 'VIR-1' })).toEqual(first);
    expect((await eventTypes()).filter((t) => t === 'portal.paid_claimed')).toHaveLength(1);
    // Another reference is another claim.
    await makeClaimPaid(deps())(token, { date: TODAY, reference: 'VIR-2' });
    expect((await eventTypes()).filter((t) => t === 'portal.paid_claimed')).toHaveLength(2);
    // The pause ran out (reminders resumed): the same words are a new reminder to the owner.
    const current = (await invoices.get('acme', 'inv1'))!;
    await invoices.save({ ...current, remindersPaused: false, pausedUntil: undefined });
    await makeClaimPaid(deps())(token, { date: TODAY, reference: 'VIR-2' });
    expect((await eventTypes()).filter((t) => t === 'portal.paid_claimed')).toHaveLength(3);
  });

  it('a dispute stops reminders; actions on a paid invoice are 409', async () => {
    const token = await issue();
    expect(await makePortalDispute(deps())(token, { reason: 'Travaux non finis' })).toMatchObject({ disputed: true });
    expect((await invoices.get('acme', 'inv1'))!.disputeReason).toBe('Travaux non finis');
    const current = (await invoices.get('acme', 'inv1'))!;
    await invoices.save({ ...current, status: 'paid', paidCents: current.totals.grossCents, lastPaymentAt: `${TODAY}T09:00:00Z` });
    await expect(makeClaimPaid(deps())(token, { date: TODAY })).rejects.toMatchObject({ status: 409, message: 'This invoice is paid: nothing is left to pay' });
  });

  it('an action on an invoice in litigation is a 409 that never says nothing is left to pay (the balance is still owed)', async () => {
    const token = await issue();
    const current = (await invoices.get('acme', 'inv1'))!;
    await invoices.save({ ...current, status: 'litigation' });
    await expect(makePromisePayment(deps())(token, { date: TODAY })).rejects.toMatchObject({
      status: 409,
      message: 'This invoice is now handled by the litigation procedure: please contact the company',
    });
  });
});

describe('owner holds and the resume schedule', () => {
  const hold = () => ({ invoices, settings, clock });

  it('a dated pause gets a resume schedule at 00:00 of its date; the fire resumes only that pause', async () => {
    const paused = await makePauseInvoice(hold())('acme', 'inv1', { until: '2026-03-20', reason: 'vacances' });
    expect(paused).toMatchObject({ remindersPaused: true, pausedUntil: '2026-03-20', pauseReason: 'vacances' });
    const record = (await invoices.get('acme', 'inv1'))!;
    const schedule = resumeSchedule({ invoice: record, settings: defaultSettings(), client: aClient(), records: [] } as never, clock.now());
    expect(schedule).toMatchObject({ name: 'rl-inv1-R-20260320', localTime: '2026-03-20T00:00:00', timeZone: 'Europe/Paris', input: { kind: 'resume', until: '2026-03-20', invoiceId: 'inv1' } });

    expect(await makeAutoResume(hold())('acme', 'inv1', '2026-03-19')).toEqual({ outcome: 'skipped', reason: 'stale' });
    expect(await makeAutoResume(hold())('acme', 'inv1', '2026-03-20')).toEqual({ outcome: 'resumed' });
    const resumed = (await invoices.get('acme', 'inv1'))!;
    expect([resumed.remindersPaused, resumed.pausedUntil, resumed.pauseReason]).toEqual([false, undefined, undefined]);
    expect(invoices.events.get('acme|inv1')!.map((e) => [e.type, e.data])).toEqual([
      ['invoice.paused', { until: '2026-03-20', reason: 'vacances' }],
      ['invoice.resumed', { auto: true, reason: 'vacances' }],
    ]);
  });

  it('resumes a tenant sending at 00:00 a little before that window, so the plan it records sends that day, not the next', async () => {
    await makePauseInvoice(hold())('acme', 'inv1', { until: '2026-03-20', reason: 'vacances' });
    const record = (await invoices.get('acme', 'inv1'))!;
    const at = (settings: object) => resumeSchedule({ invoice: record, settings: { ...defaultSettings(), ...settings }, client: aClient(), records: [] } as never, clock.now())?.localTime;
    expect(at({ sendHour: 0 })).toBe('2026-03-19T23:50:00');
    expect(at({ sendHour: 0, timezone: 'Pacific/Noumea' })).toBe('2026-03-19T23:50:00');
    expect(at({ sendHour: 1 })).toBe('2026-03-20T00:00:00');
  });

  it('refuses a pause ending today or before, and holds on a paid invoice', async () => {
    await expect(makePauseInvoice(hold())('acme', 'inv1', { until: TODAY, reason: 'x' })).rejects.toMatchObject({ errors: [{ path: 'body.until' }] });
    const current = (await invoices.get('acme', 'inv1'))!;
    await invoices.save({ ...current, status: 'paid' });
    await expect(makeDisputeInvoice(hold())('acme', 'inv1', { reason: 'x' })).rejects.toMatchObject({ status: 422 });
  });

  it('resume and resolve-dispute write nothing when there is nothing to lift', async () => {
    await makeResumeInvoice(hold())('acme', 'inv1');
    await makeResolveDispute(hold())('acme', 'inv1');
    expect(invoices.events.get('acme|inv1') ?? []).toEqual([]);
    await makeDisputeInvoice(hold())('acme', 'inv1', { reason: 'montant' });
    await makeResolveDispute(hold())('acme', 'inv1');
    expect((await eventTypes())).toEqual(['invoice.disputed', 'invoice.dispute_resolved']);
    expect((await invoices.get('acme', 'inv1'))!.disputed).toBe(false);
  });
});

describe('a settled invoice\'s link', () => {
  const closeBy = async (status: 'written_off' | 'cancelled', creditNoteDate: string) => {
    const token = await issue();
    const current = (await invoices.get('acme', 'inv1'))!;
    await invoices.saveWithCreditNote({ ...current, status, updatedAt: `${TODAY}T09:00:00Z` }, {
      id: 'cn1', invoiceId: 'inv1', invoiceNumber: current.number ?? 'F', invoiceIssueDate: current.issueDate, issueDate: creditNoteDate, reason: 'irrécouvrable',
      full: true, netCents: 0, vatCents: 0, grossCents: 0, vatBreakdown: [], createdAt: `${TODAY}T09:00:00Z`,
    }, 2025, () => []);
    return token;
  };

  it.each(['written_off', 'cancelled'] as const)('stops opening 12 months after the %s invoice\'s credit note, not after its last edit', async (status) => {
    const token = await closeBy(status, '2025-03-15');
    await expect(resolvePortalToken(deps(), token)).rejects.toMatchObject({ status: 404 });
  });

  it('still opens within the 12 months', async () => {
    const token = await closeBy('written_off', '2025-03-16');
    expect((await resolvePortalToken(deps(), token)).invoice.status).toBe('written_off');
  });
});

describe('portal rules (domain)', () => {
  it('counts business days over weekends and holidays', () => {
    expect(addBusinessDays('2026-03-16', 5, defaultSettings())).toBe('2026-03-23');
    // Easter Monday 2026-04-06 is a holiday.
    expect(addBusinessDays('2026-04-03', 1, defaultSettings())).toBe('2026-04-07');
  });

  it('expires a link 12 months after payment, never while unpaid', () => {
    const paid = { status: 'paid' as const, lastPaymentAt: '2025-03-16T10:00:00Z', updatedAt: '2025-03-16T10:00:00Z' };
    expect(portalExpired(paid, '2026-03-16', 'Europe/Paris')).toBe(false);
    expect(portalExpired(paid, '2026-03-17', 'Europe/Paris')).toBe(true);
    expect(portalExpired({ ...paid, status: 'sent' }, '2030-01-01', 'Europe/Paris')).toBe(false);
  });

  it('expires a cancelled or written-off invoice\'s link 12 months after the credit note that closed it', () => {
    const written = { status: 'written_off' as const, updatedAt: '2026-01-02T10:00:00Z' };
    expect(portalExpired(written, '2026-03-16', 'Europe/Paris', '2025-03-16')).toBe(false);
    expect(portalExpired(written, '2026-03-17', 'Europe/Paris', '2025-03-16')).toBe(true);
    // Without the credit note's date, the day the invoice last changed.
    expect(portalExpired({ ...written, status: 'cancelled' }, '2027-01-02', 'Europe/Paris')).toBe(false);
    expect(portalExpired({ ...written, status: 'cancelled' }, '2027-01-03', 'Europe/Paris')).toBe(true);
    expect(portalExpired({ ...written, status: 'litigation' }, '2030-01-01', 'Europe/Paris')).toBe(false);
  });

  it('counts a settled invoice\'s 12 months from the tenant\'s date of the change, not the UTC one', () => {
    // 00:30 in Paris on 2 January 2026 is still 1 January in UTC: the link lives until 2 January 2027.
    const cancelled = { status: 'cancelled' as const, updatedAt: '2026-01-01T23:30:00Z' };
    expect(portalExpired(cancelled, '2027-01-02', 'Europe/Paris')).toBe(false);
    expect(portalExpired(cancelled, '2027-01-03', 'Europe/Paris')).toBe(true);
    expect(portalExpired(cancelled, '2027-01-02', 'UTC')).toBe(true);
    // A payment recorded at 23:30 in Tahiti (UTC−10) is the next day in UTC, the same day there.
    const paid = { status: 'paid' as const, lastPaymentAt: '2026-03-17T09:30:00Z', updatedAt: '2026-03-17T09:30:00Z' };
    expect(portalExpired(paid, '2027-03-16', 'Pacific/Tahiti')).toBe(false);
    expect(portalExpired(paid, '2027-03-17', 'Pacific/Tahiti')).toBe(true);
  });

  it('bounds promises and lengthens pauses only', () => {
    expect(promiseDateProblem('2026-05-15', TODAY)).toBeUndefined();
    expect(promiseDateProblem('2026-05-16', TODAY)).toContain('60 days');
    expect(lengthenPause({ remindersPaused: true, pausedUntil: '2026-04-01' }, '2026-03-20')).toBeUndefined();
    expect(lengthenPause({ remindersPaused: true, pausedUntil: '2026-03-18' }, '2026-03-20')).toBe('2026-03-20');
    expect(lengthenPause({ remindersPaused: false }, '2026-03-20')).toBe('2026-03-20');
  });

  it('fills the payment URL with the URL-encoded number and the decimal balance', () => {
    expect(renderPaymentUrl('https://p.example/{{ invoiceNumber }}?a={{balance}}', { number: 'F 1/2', balanceCents: 5 })).toBe('https://p.example/F%201%2F2?a=0.05');
  });
});
