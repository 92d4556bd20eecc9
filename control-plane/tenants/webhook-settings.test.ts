import { describe, expect, it } from 'vitest';
import { parseWebhookSettings } from './webhook-settings.js';

describe('parseWebhookSettings', () => {
  it('defaults to no host allow-list and https only', () => {
    expect(parseWebhookSettings(undefined, undefined)).toEqual({ hostWhitelist: [], schemeWhitelist: ['https'] });
  });

  it('takes the lists a tenant asks for', () => {
    expect(parseWebhookSettings(['ci.example.com', ' 127.0.0.1 '], ['http', 'https'])).toEqual({
      hostWhitelist: ['ci.example.com', '127.0.0.1'],
      schemeWhitelist: ['http', 'https'],
    });
  });

  it.each([
    ['ci.example.com', undefined, '"webhookHostWhitelist" must be a list of non-empty strings'],
    [[''], undefined, '"webhookHostWhitelist" must be a list of non-empty strings'],
    [['https://ci.example.com'], undefined, 'takes host names or addresses, not URLs'],
    [undefined, ['ftp'], '"webhookSchemeWhitelist" may contain "http" and "https"; "ftp" is not allowed.'],
    [undefined, [1], '"webhookSchemeWhitelist" must be a list of non-empty strings'],
  ])('refuses %j / %j', (hosts, schemes, message) => {
    expect(() => parseWebhookSettings(hosts, schemes)).toThrow(message);
  });
});
