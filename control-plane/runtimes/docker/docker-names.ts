/** Names and labels of a tenant's Docker objects: one place, so cleanup and lookups agree. */
export const LABELS = {
  tenant: 'pactsafs.tenant',
  role: 'pactsafs.role',
  version: 'pactsafs.version',
  /** On our broker image: its data are backed up row by row. The official image has no such label. */
  brokerFlavour: 'pactsafs.broker-flavour',
  // Swarm broker services carry the tenant's desired state (issue 12: the engine is the source of truth).
  /** `running` or `stopped` (replicas 0). */
  state: 'pactsafs.state',
  /** When the tenant was created (ISO 8601). */
  createdAt: 'pactsafs.created-at',
  /** The tenant's settings as JSON, without secrets. */
  settings: 'pactsafs.settings',
  /** The id of the swarm node the tenant's database (and its volume) is pinned to. */
  node: 'pactsafs.node',
  /** Which platform a swarm tenant belongs to (`PACTSAFS_PLATFORM_ID`): several platforms may share one swarm, each adopting only its own. */
  platform: 'pactsafs.platform',
} as const;

export type ContainerRole = 'db' | 'broker';

export const dockerNames = {
  /** The network every broker joins besides its own, and the only one gateways join (issue 12). */
  gatewayNetwork: 'pactsafs-gateway',
  network: (tenant: string) => `pactsafs-${tenant}`,
  volume: (tenant: string) => `pactsafs-${tenant}-pgdata`,
  container: (tenant: string, role: ContainerRole) => `pactsafs-${tenant}-${role}`,
  /** A swarm tenant's database password as a Swarm secret (issue 12), labelled with role `db-password`. */
  passwordSecret: (tenant: string) => `pactsafs-${tenant}-db-password`,
};

/** The port the broker listens on inside its container (the official image's default). */
export const BROKER_PORT = 9292;
