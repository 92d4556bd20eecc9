import { ExitCode } from '../cli-errors.js';
import { machineProbes } from '../doctor-probes.js';
import { runDoctor, type Check } from '../doctor.js';
import { DEFAULT_HOSTS_FILE } from '../hosts-file.js';
import { printJson } from '../output.js';
import type { Command } from './command.js';

const MARKS: Record<Check['status'], string> = { ok: 'ok  ', warning: 'warn', problem: 'FAIL' };

/** `pactsafs doctor`: exit 3 when the platform does not answer, 1 for any other problem, 0 otherwise. */
export const doctorCommand: Command = async ({ invocation, io, platform }) => {
  const probes = await machineProbes(await platform(), invocation.flags.hostsFile ?? DEFAULT_HOSTS_FILE);
  const report = await runDoctor(probes);
  const problems = report.checks.filter((check) => check.status === 'problem').length;
  if (invocation.flags.json) {
    printJson(io, { ok: problems === 0, checks: report.checks });
  } else {
    const width = Math.max(...report.checks.map((check) => check.name.length)) + 2;
    for (const check of report.checks) {
      io.stdout.write(`${MARKS[check.status]}  ${check.name.padEnd(width)}${check.detail}\n`);
      if (check.fix) io.stdout.write(`${' '.repeat(6 + width)}fix: ${check.fix}\n`);
    }
    io.stdout.write(problems === 0 ? 'No problems found.\n' : `${problems} problem${problems === 1 ? '' : 's'} found.\n`);
  }
  if (report.unreachable) return ExitCode.unreachable;
  return problems > 0 ? ExitCode.failed : ExitCode.ok;
};
