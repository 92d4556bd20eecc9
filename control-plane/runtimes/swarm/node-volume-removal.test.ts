import { describe, expect, it } from 'vitest';
import { volumeRemovalSpec } from './node-volume-removal.js';

describe('the one-shot task that deletes a volume on its node (issue 12)', () => {
  const spec = volumeRemovalSpec({
    volume: 'pactsafs-acme-pgdata', nodeId: 'node-7', image: 'pactsafs/platform:local', nodeSocket: '/run/{{.Node.Hostname}}/docker.sock', labels: { 'pactsafs.tenant': 'acme' },
  });
  const container = spec.TaskTemplate && 'ContainerSpec' in spec.TaskTemplate ? spec.TaskTemplate.ContainerSpec : undefined;

  it('runs once, on the volume\'s node, as root with that node\'s engine socket', () => {
    expect(spec.Name).toBe('pactsafs-acme-pgdata-rm');
    expect(spec.Labels).toEqual({ 'pactsafs.tenant': 'acme' });
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(spec.TaskTemplate?.RestartPolicy).toEqual({ Condition: 'none' });
    expect(spec.TaskTemplate?.Placement?.Constraints).toEqual(['node.id==node-7']);
    expect(container?.User).toBe('root');
    expect(container?.Mounts).toEqual([
      { Type: 'bind', Source: '/run/{{.Node.Hostname}}/docker.sock', Target: '/var/run/docker.sock' },
      { Type: 'tmpfs', Source: '', Target: '/data' },
    ]);
  });

  it('names the volume as an argument of the script, never inside it', () => {
    expect(container?.Command?.slice(0, 2)).toEqual(['node', '-e']);
    expect(container?.Command?.[2]).not.toContain('pactsafs-acme-pgdata');
    expect(container?.Command?.[3]).toBe('pactsafs-acme-pgdata');
  });
});
