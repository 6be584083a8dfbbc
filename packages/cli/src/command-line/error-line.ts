import { ConfigError } from '@samsa/common';
import { SamsaError } from '@samsa/protocol';
import { UsageError } from './usage-error';

/** One line for stderr: `samsa: CODE: message` for a cluster's refusal, `samsa: message` otherwise. */
export function errorLine(error: unknown): string {
  if (error instanceof SamsaError) return `samsa: ${error.code}: ${firstLine(error.message)}`;
  if (error instanceof UsageError || error instanceof ConfigError) return `samsa: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return `samsa: ${firstLine(message)}`;
}

/** Bad input exits 2; everything else that fails exits 1. */
export function exitCodeOf(error: unknown): number {
  return error instanceof UsageError || error instanceof ConfigError ? 2 : 1;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}
