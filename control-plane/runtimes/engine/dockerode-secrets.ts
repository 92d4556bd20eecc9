import type Dockerode from 'dockerode';
import type { DockerEngine, EngineSecret } from './docker-engine.js';
import { ignoreMissing } from './dockerode-containers.js';

/** What the engine answers for a secret (dockerode types it as `any`); `Spec.Data` is never sent back. */
interface RawSecret {
  ID: string;
  Spec?: { Name?: string; Labels?: Record<string, string> };
}

/** The Swarm secrets part of the engine interface over dockerode (issue 12: tenants' database passwords). */
export function dockerodeSecrets(docker: Dockerode): Pick<DockerEngine, 'listSecrets' | 'ensureSecret' | 'removeSecret'> {
  const byName = async (name: string) => ((await docker.listSecrets({ filters: { name: [name] } })) as RawSecret[]).map(secretOf).find((secret) => secret.name === name);
  return {
    async listSecrets(filters) {
      return ((await docker.listSecrets({ filters })) as RawSecret[]).map(secretOf);
    },
    async ensureSecret(name, labels, data) {
      // The name filter matches prefixes: only an exact name counts.
      const existing = await byName(name);
      if (existing) return existing;
      const created = (await docker.createSecret({ Name: name, Labels: labels, Data: Buffer.from(data()).toString('base64') })) as { id: string };
      return { id: created.id, name, labels };
    },
    async removeSecret(name) {
      await docker.getSecret(name).remove().catch(ignoreMissing);
    },
  };
}

function secretOf(secret: RawSecret): EngineSecret {
  return { id: secret.ID, name: secret.Spec?.Name ?? '', labels: secret.Spec?.Labels ?? {} };
}
