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
// Tighter on PostgreSQL, where each statement is a round trip: there pacts for verification's selectors share one
// statement and the WIP tag heads come with their pacts (team issue 13; 8 before).
const POSTGRES_MOST_STATEMENTS = new Map([['pacts for verification', 5]]);

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
    const counts = historyCalls(seededHistory(LARGE)).map(({ name, mostStatements }) => ({ name, mostStatements, small: small.get(name)!.length, large: large.get(name)!.length }));
    // Printed: the counts are the figure to watch when a query changes.
    console.info(`statements per call on ${database}:`, counts);
    for (const { name, mostStatements, small: atSmall, large: atLarge } of counts) {
      expect({ name, statements: atLarge }).toEqual({ name, statements: atSmall });
      expect(atLarge, name).toBeLessThanOrEqual(database === 'postgres' ? (POSTGRES_MOST_STATEMENTS.get(name) ?? mostStatements) : mostStatements);
    }
  });
});
