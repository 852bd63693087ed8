import { Metrics as PowertoolsMetricsClient, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Metrics } from '../../app/metrics.js';
import { METRICS_NAMESPACE, MetricNames, SKIP_REASON_DIMENSION } from './metric-names.js';

/**
 * The Metrics port as CloudWatch embedded-metric-format lines on stdout (Powertools Metrics):
 * CloudWatch Logs turns each line into metric data points, with no API call on the send path.
 * Each metric is published at once rather than at the end of the invocation, so no handler
 * has to remember a flush and a crash later in the invocation still leaves the count behind.
 */
export class PowertoolsMetrics implements Metrics {
  private readonly client: PowertoolsMetricsClient;

  constructor(serviceName: string, namespace: string = METRICS_NAMESPACE) {
    this.client = new PowertoolsMetricsClient({ namespace, serviceName });
  }

  reminderSent(): void {
    this.count(MetricNames.remindersSent);
  }

  reminderSkipped(reason: string): void {
    this.count(MetricNames.remindersSkipped);
    this.safely(() => {
      const byReason = this.client.singleMetric(); // publishes on addMetric
      byReason.addDimension(SKIP_REASON_DIMENSION, reason.slice(0, 64) || 'unknown');
      byReason.addMetric(MetricNames.remindersSkipped, MetricUnit.Count, 1);
    });
  }

  reminderFailed(): void {
    this.count(MetricNames.remindersFailed);
  }

  reminderOutcomeUnknown(): void {
    this.count(MetricNames.remindersOutcomeUnknown);
  }

  emailBounced(): void {
    this.count(MetricNames.emailBounces);
  }

  paymentRecorded(): void {
    this.count(MetricNames.paymentsRecorded);
  }

  private count(name: string): void {
    this.safely(() => {
      this.client.addMetric(name, MetricUnit.Count, 1);
      this.client.publishStoredMetrics();
    });
  }

  /** A metric is never worth failing a payment or a reminder for. */
  private safely(publish: () => void): void {
    try {
      publish();
    } catch {
      // Nothing to do: the next data point will tell.
    }
  }
}
