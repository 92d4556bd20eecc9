import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, httpRequest } from './support.js';

/** Debian's nginx on a loopback port of its own, proxying to one upstream (issue 13, target 2: the anchor). */
export interface NginxProxy {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `/usr/sbin/nginx` (Debian package nginx-light) with one worker, a config in a temp dir and
 * keep-alive connections to `upstream`, setting the forwarded headers as our gateway does.
 */
export async function startNginxProxy(upstream: string, healthPath: string): Promise<NginxProxy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pactsafs-bench-nginx-'));
  const port = await freePort();
  await writeFile(path.join(dir, 'nginx.conf'), nginxConfig(dir, upstream, port));
  const child = spawn('/usr/sbin/nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`nginx did not start (is the Debian package nginx-light installed?): ${error.message}`))));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForAnswer(port, healthPath), failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, pid: child.pid!, stop };
}

async function waitForAnswer(port: number, healthPath: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await httpRequest(port, { path: healthPath }).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('nginx did not answer through to the broker within 5 s');
}

function nginxConfig(dir: string, upstream: string, port: number): string {
  const temp = (name: string) => path.join(dir, name);
  return `daemon off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  upstream broker { server ${upstream}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://broker;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Port $server_port;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
  }
}
`;
}
