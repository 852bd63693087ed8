import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, DEFAULT_WEB_PORT, portsFromEnv } from '../../infra/local/ports.js';

// README "The two commands": `npm start` takes API_PORT (or PORT), DYNAMODB_PORT, SES_PORT,
// SCHEDULER_PORT, SMS_PORT, WEB_PORT. PORT is often set by a host or a dev container: it used to win
// over API_PORT, so `API_PORT=3400 npm start` listened on that PORT instead.
describe("npm start's ports from the environment", () => {
  it('takes the defaults when nothing is set (an empty value counts as unset)', () => {
    expect(portsFromEnv({})).toEqual({ stack: DEFAULT_PORTS, web: DEFAULT_WEB_PORT });
    expect(portsFromEnv({ API_PORT: '', SMS_PORT: '' }).stack).toEqual(DEFAULT_PORTS);
  });

  it('reads every variable the README names', () => {
    expect(portsFromEnv({ API_PORT: '3400', DYNAMODB_PORT: '8400', SES_PORT: '8405', SCHEDULER_PORT: '8406', SMS_PORT: '8407', WEB_PORT: '5473' })).toEqual({
      stack: { api: 3400, dynamodb: 8400, ses: 8405, scheduler: 8406, sms: 8407 },
      web: 5473,
    });
  });

  it('prefers API_PORT to PORT, and takes PORT alone', () => {
    expect(portsFromEnv({ PORT: '8080', API_PORT: '3400' }).stack.api).toBe(3400);
    expect(portsFromEnv({ PORT: '8080' }).stack.api).toBe(8080);
  });

  it('names the variable holding a port that is none', () => {
    expect(() => portsFromEnv({ SMS_PORT: 'abc' })).toThrow("SMS_PORT: invalid port 'abc'");
    expect(() => portsFromEnv({ API_PORT: '70000' })).toThrow("API_PORT: invalid port '70000'");
  });
});
