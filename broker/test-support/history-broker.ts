import { openBroker, type Broker } from '../broker.js';
import { createTestDatabase, type DatabaseKind } from './test-database.js';
import { historySendOf, seedHistory, type HistorySend } from './history-fixture.js';

/** A broker holding issue 13's history, with the URL of its database. */
export interface HistoryBroker {
  broker: Broker;
  databaseUrl: string;
  send: HistorySend;
  close(): Promise<void>;
}

/** A broker on a fresh database (no webhook worker: its polling would add statements) holding issue 13's history with `versions` per consumer. */
export async function startHistoryBroker(database: DatabaseKind, versions: number): Promise<HistoryBroker> {
  const testDatabase = await createTestDatabase(database);
  const broker = await openBroker({ databaseUrl: testDatabase.url, webhookDelivery: false }).catch(async (error: unknown) => {
    await testDatabase.drop();
    throw error;
  });
  const close = async () => {
    try {
      await broker.close();
    } finally {
      await testDatabase.drop();
    }
  };
  const send = historySendOf(broker.fetch);
  try {
    await seedHistory(send, versions);
  } catch (error) {
    await close();
    throw error;
  }
  return { broker, databaseUrl: testDatabase.url, send, close };
}
