import { afterEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsMetrics } from '../../shared/adapters/telemetry/powertools-metrics.js';
import { MetricNames } from '../../shared/adapters/telemetry/metric-names.js';
import { noMetrics, type Metrics } from '../../shared/app/metrics.js';

/** EMF lines written to stdout while `run` runs. */
const emfOf = (run: () => void): Record<string, any>[] => {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, any>).filter((l) => '_aws' in l);
};

afterEach(() => vi.restoreAllMocks());

describe('PowertoolsMetrics (the Metrics port as CloudWatch embedded metric format)', () => {
  const metrics = new PowertoolsMetrics('Relances-test');
  const cases: [keyof Metrics, string][] = [
    ['reminderSent', MetricNames.remindersSent],
    ['reminderFailed', MetricNames.remindersFailed],
    ['reminderOutcomeUnknown', MetricNames.remindersOutcomeUnknown],
    ['emailBounced', MetricNames.emailBounces],
    ['paymentRecorded', MetricNames.paymentsRecorded],
  ];

  it.each(cases)('%s publishes one data point of %s at once, in the Relances namespace, per service', (method, name) => {
    const [line, ...rest] = emfOf(() => (metrics[method] as () => void)());
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      [name]: 1,
      service: 'Relances-test',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Relances', Dimensions: [['service']], Metrics: [{ Name: name, Unit: 'Count' }] }] },
    });
  });

  it('counts a skipped reminder in total and by reason', () => {
    const lines = emfOf(() => metrics.reminderSkipped('paid'));
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => !('reason' in l))).toMatchObject({ RemindersSkipped: 1, service: 'Relances-test' });
    expect(lines.find((l) => 'reason' in l)).toMatchObject({
      RemindersSkipped: 1,
      reason: 'paid',
      _aws: { CloudWatchMetrics: [{ Dimensions: [expect.arrayContaining(['service', 'reason'])] }] },
    });
  });

  it('never throws into the use case, even when stdout fails', () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => {
      throw new Error('EPIPE');
    });
    expect(() => metrics.paymentRecorded()).not.toThrow();
    expect(() => metrics.reminderSkipped('paused')).not.toThrow();
  });

  it('has a no-op twin that writes nothing', () => {
    expect(emfOf(() => Object.values(noMetrics).forEach((record: (reason: string) => void) => record('x')))).toEqual([]);
  });
});
