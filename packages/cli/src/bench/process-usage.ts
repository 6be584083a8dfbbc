import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * What a process costs, read from Linux's /proc: CPU time, resident memory and open file
 * descriptors of another process (a node of the benchmark's cluster), by pid. The parsers are
 * pure (tested on sample text); the readers throw when the process is gone or /proc is absent.
 */

/** utime + stime from the text of `/proc/<pid>/stat`, in clock ticks. */
export function cpuTicksOfStat(stat: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of proc(5), counted from field 3 (state) at index 0.
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`unexpected /proc stat line: ${stat.slice(0, 200)}`);
  return utime + stime;
}

/** VmRSS from the text of `/proc/<pid>/status`, in KiB. */
export function rssKibOfStatus(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (match === null) throw new Error('no VmRSS line in /proc status (a zombie process?)');
  return Number(match[1]);
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux in practice). */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isSafeInteger(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

export function cpuTicksOf(pid: number): number {
  return cpuTicksOfStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

export function rssKibOf(pid: number): number {
  return rssKibOfStatus(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
}

export function openFdsOf(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}
