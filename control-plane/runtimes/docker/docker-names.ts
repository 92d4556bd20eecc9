/** Names and labels of a tenant's Docker objects: one place, so cleanup and lookups agree. */
export const LABELS = {
  tenant: 'pactsafs.tenant',
  role: 'pactsafs.role',
  version: 'pactsafs.version',
  /** On our broker image: its data are backed up row by row. The official image has no such label. */
  brokerFlavour: 'pactsafs.broker-flavour',
} as const;

export type ContainerRole = 'db' | 'broker';

export const dockerNames = {
  network: (tenant: string) => `pactsafs-${tenant}`,
  volume: (tenant: string) => `pactsafs-${tenant}-pgdata`,
  container: (tenant: string, role: ContainerRole) => `pactsafs-${tenant}-${role}`,
};

/** The port the broker listens on inside its container (the official image's default). */
export const BROKER_PORT = 9292;
