import { afterAll, beforeAll, expect, it } from 'vitest';
import { historyCalls, seededHistory } from '../test-support/history-fixture.js';
import { startHistoryBroker, type HistoryBroker } from '../test-support/history-broker.js';
import { statementsOf, type SentStatement } from '../test-support/query-counter.js';
import { describeOnEachDatabase } from '../test-support/test-database.js';

// Issue 13 (team), target 1: every call of the table runs a number of statements that does
// not depend on the history's size (no N+1), asserted with 25 and with 50 versions per consumer.
// 25, not 5: below 21 versions every feature branch head has the content of a pact selected
// explicitly (main head, deployed versions), so there is no WIP pact to check, and pacts for
// verification would run fewer statements because of the data's shape rather than its size.
const SMALL = 25;
const LARGE = 50;
/**
 * Today's counts (PostgreSQL's; SQLite's publish runs one fewer), so that a change adding a round
 * trip fails here. Publish's 66 (per contract: pacticipant and pact lookups, events, webhooks) are
 * the next to cut.
 */
const MOST_STATEMENTS: Record<string, number> = {
  'GET /': 0,
  'latest pact': 1,
  'matrix (latestby=cvp&latest=true)': 13,
  'can-i-deploy to an environment': 14,
  'pacts for verification': 10,
  'publish (/contracts/publish)': 66,
};

describeOnEachDatabase((database) => {
  const brokers = new Map<number, HistoryBroker>();
  beforeAll(async () => {
    for (const versions of [SMALL, LARGE]) brokers.set(versions, await startHistoryBroker(database, versions));
  }, 600_000);
  afterAll(async () => {
    for (const t of brokers.values()) await t.close();
  });

  /** The statements of each call, by call name, after one unmeasured round (caches and first-use writes). */
  async function statementsByCall(versions: number): Promise<Map<string, SentStatement[]>> {
    const { send } = brokers.get(versions)!;
    const counted = new Map<string, SentStatement[]>();
    for (const call of historyCalls(seededHistory(versions))) {
      await send(call.next());
      counted.set(call.name, await statementsOf(() => send(call.next())));
    }
    return counted;
  }

  it('runs the same bounded number of statements per call with 25 and with 50 versions per consumer', async () => {
    const small = await statementsByCall(SMALL);
    const large = await statementsByCall(LARGE);
    const counts = [...small.keys()].map((name) => ({ name, small: small.get(name)!.length, large: large.get(name)!.length }));
    // Printed: the counts are the figure to watch when a query changes.
    console.info(`statements per call on ${database}:`, counts);
    for (const { name, small: atSmall, large: atLarge } of counts) {
      expect({ name, statements: atLarge }).toEqual({ name, statements: atSmall });
      expect(atLarge, name).toBeLessThanOrEqual(MOST_STATEMENTS[name] ?? 0);
    }
  });
});
