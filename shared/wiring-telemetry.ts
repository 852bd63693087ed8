/**
 * Metrics for the functions that count something (payments, reminders, bounces). Its own
 * module so that a function that counts nothing does not load Powertools Metrics.
 */
import type { Metrics } from './app/metrics.js';
import { PowertoolsMetrics } from './adapters/telemetry/powertools-metrics.js';
import { memo } from './clients.js';
import { serviceName } from './config.js';

export const metrics = memo((): Metrics => new PowertoolsMetrics(serviceName()));
