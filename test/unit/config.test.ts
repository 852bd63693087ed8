import { describe, expect, it } from 'vitest';
import { loadConfig, required } from '../../shared/config.js';

describe('loadConfig (the environment of every function)', () => {
  it('keeps the known variables only, with AWS_REGION defaulted', () => {
    expect(loadConfig({ TABLE_NAME: 't', SENDER_EMAIL: 'factures@relances.local', WEB_BASE_URL: 'https://d1.cloudfront.net', PORTAL_TOKEN_SECRET: 'k'.repeat(43), HOME: '/root' })).toEqual({
      TABLE_NAME: 't',
      AWS_REGION: 'eu-west-3',
      SENDER_EMAIL: 'factures@relances.local',
      WEB_BASE_URL: 'https://d1.cloudfront.net',
      PORTAL_TOKEN_SECRET: 'k'.repeat(43),
    });
    expect(loadConfig({ TABLE_NAME: 't', AWS_REGION: 'eu-west-1' }).AWS_REGION).toBe('eu-west-1');
  });

  it('fails the cold start naming every bad variable', () => {
    expect(() => loadConfig({})).toThrow('Invalid environment: TABLE_NAME is required');
    expect(() => loadConfig({ TABLE_NAME: '', AWS_REGION: '', SENDER_EMAIL: 'nope', WEB_BASE_URL: 'ftp://x.example', PORTAL_TOKEN_SECRET: 'short', SCHEDULE_GROUP: '' })).toThrow(
      'Invalid environment: TABLE_NAME must be at least 1 characters, AWS_REGION must be at least 1 characters, SENDER_EMAIL must be an email address, SCHEDULE_GROUP must be at least 1 characters, WEB_BASE_URL must be an http(s) URL, PORTAL_TOKEN_SECRET must be at least 32 characters',
    );
    expect(() => loadConfig({ TABLE_NAME: 't', WEB_BASE_URL: 'not a url' })).toThrow('WEB_BASE_URL must be an http(s) URL');
  });

  it('required() names a variable the function needs and its stack did not give', () => {
    const config = loadConfig({ TABLE_NAME: 't', SCHEDULE_GROUP: 'g' });
    expect(required(config, 'SCHEDULE_GROUP')).toBe('g');
    expect(() => required(config, 'SCHEDULER_ROLE_ARN')).toThrow('Missing environment variable SCHEDULER_ROLE_ARN');
  });
});
