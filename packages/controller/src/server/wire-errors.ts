import type { Logger } from '@samsa/common';
import { SamsaError } from '@samsa/protocol';
import { NotControllerError } from './quorum-controller';

/** The `Error` message of controller.proto. */
export interface WireError {
  code: number;
  name: string;
  message: string;
  leader?: { id: number; host: string; port: number };
}

/** Success: the `error` field is left unset (it decodes as null). */
export const NO_ERROR = null;

/**
 * Turns what a handler threw into the response's error. Typed errors keep their code;
 * anything else is a bug, logged, and answered as UNKNOWN_SERVER_ERROR.
 */
export function toWireError(error: unknown, logger: Logger): WireError {
  if (error instanceof NotControllerError) {
    const wire: WireError = { code: error.errorCode, name: error.code, message: error.message };
    if (error.leader !== undefined) wire.leader = { id: error.leader.id, host: error.leader.host, port: error.leader.port };
    return wire;
  }
  if (error instanceof SamsaError) return { code: error.errorCode, name: error.code, message: error.message };
  logger.error({ err: error }, 'controller request failed unexpectedly');
  return { code: -1, name: 'UNKNOWN_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
}
