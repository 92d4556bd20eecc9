/** Seeds issue 13's history (broker/test-support/history-fixture.ts) through an in-process broker's HTTP API: fast seeding, no sockets. */
import { openBroker } from '../broker/index.js';
import { historySendOf, seedHistory } from '../broker/test-support/history-fixture.js';

/** Seeds `versions` per consumer into the database at `databaseUrl`. */
export async function seedHistoryInProcess(databaseUrl: string, versions: number): Promise<void> {
  const broker = await openBroker({ databaseUrl, webhookDelivery: false });
  try {
    await seedHistory(historySendOf(broker.fetch), versions);
  } finally {
    await broker.close();
  }
}
