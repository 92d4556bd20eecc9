/**
 * Tenant lifecycle (docs/architecture.md#tenant-states): creating → running ⇄ stopped, failed, removing; and (issue 13,
 * scale to zero) running → sleeping after no request for its idle time, sleeping → running on the
 * next request (`wake`; a wake that fails leaves it failed). Stop, start, remove, backup and restore
 * work on a sleeping tenant; `start` wakes it.
 */
export type TenantState = 'creating' | 'running' | 'stopped' | 'failed' | 'removing' | 'sleeping';
/** What holds a tenant's lock; `backup` changes no state but must not overlap a stop, remove or restore. */
export type TenantOperation = 'create' | 'start' | 'stop' | 'remove' | 'restore' | 'backup' | 'upgrade' | 'sleep' | 'wake' | 'move' | 'clean';

/** The states each operation may start from; `creating` and `removing` only exist while an operation runs. */
const ALLOWED_FROM: Record<Exclude<TenantOperation, 'create'>, readonly TenantState[]> = {
  start: ['stopped', 'failed', 'running', 'creating', 'sleeping'],
  stop: ['running', 'stopped', 'failed', 'sleeping'],
  remove: ['running', 'stopped', 'failed', 'creating', 'removing', 'sleeping'],
  // A failed tenant whose data are lost is brought back by restoring a backup into it.
  restore: ['running', 'stopped', 'failed', 'sleeping'],
  backup: ['running', 'stopped', 'sleeping'],
  // Issue 12: a stopped (or sleeping) tenant's broker gets its new image when it starts again.
  upgrade: ['running', 'stopped', 'sleeping'],
  // Issue 13: only a serving tenant falls asleep, and only a sleeping one is woken by a request.
  sleep: ['running'],
  wake: ['sleeping'],
  // Issue 12: a swarm tenant's data move to another node; a stopped tenant's too (its database keeps running), and it stays stopped.
  move: ['running', 'stopped'],
  // Team issue 14: a clean reaches the data as a backup does.
  clean: ['running', 'stopped', 'sleeping'],
};

/** Where a successful operation leaves the tenant (`remove` leaves nothing). */
export const STATE_AFTER: Record<Exclude<TenantOperation, 'remove' | 'backup' | 'restore' | 'upgrade' | 'move' | 'clean'>, TenantState> = {
  create: 'running',
  start: 'running',
  stop: 'stopped',
  sleep: 'sleeping',
  wake: 'running',
};

/** Why `operation` cannot run on a tenant in `state`, or `undefined` when it can. */
export function transitionProblem(name: string, state: TenantState, operation: Exclude<TenantOperation, 'create'>): string | undefined {
  if (ALLOWED_FROM[operation].includes(state)) return undefined;
  return `Tenant "${name}" is ${state}; it cannot ${operation} from that state.`;
}
