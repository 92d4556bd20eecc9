import { beforeAll, describe, expect, it } from 'vitest';
import { dig, useTestBroker } from '../test-support/test-broker.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';
import { SELECTOR_TABLE } from '../test-support/selector-table.js';
import { prepareVerificationHistory, type VerificationHistory } from '../test-support/verification-history-fixture.js';

/** One line per pact of the answer: `consumer version: shortDescription (flags)`. */
function summarise(body: unknown): string[] {
  const pacts = dig(body, '_embedded', 'pacts');
  if (!Array.isArray(pacts)) throw new Error(`No _embedded.pacts in ${JSON.stringify(body)}`);
  return pacts.map((pact: unknown) => {
    const name = String(dig(pact, '_links', 'self', 'name'));
    const [, consumer, version] = /^Pact between (\S+) \((\S+)\) and Bar$/.exec(name) ?? [];
    const pending = dig(pact, 'verificationProperties', 'pending');
    const flags = [pending === undefined ? undefined : pending ? 'pending' : 'not pending', dig(pact, 'verificationProperties', 'wip') ? 'wip' : undefined];
    const shown = flags.filter((flag) => flag !== undefined);
    return `${consumer} ${version}: ${String(dig(pact, 'shortDescription'))}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`;
  });
}

describeOnEachDatabase((database) => {
  const t = useTestBroker(database, { scope: 'all' });
  let history: VerificationHistory;
  beforeAll(async () => {
    history = await prepareVerificationHistory(t);
  });

  describe('selector semantics table', () => {
    it.each(SELECTOR_TABLE)('$name', async ({ body, wipSince, expected }) => {
      const since = wipSince === 'history' ? history.wipSince : wipSince;
      const request = since === undefined ? body : { ...body, includeWipPactsSince: since };
      const { status, body: answer } = await t.json('POST', '/pacts/provider/Bar/for-verification', { body: request });
      expect(status).toBe(200);
      expect(summarise(answer)).toEqual(expected);
    });
  });
});
