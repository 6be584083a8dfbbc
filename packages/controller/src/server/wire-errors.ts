import type { Logger } from '@samsa/common';
import { type ControllerWire, SamsaError } from '@samsa/protocol';
import { NotControllerError } from './quorum-controller';

/** Success: the `error` field is left unset (it decodes as null). */
export const NO_ERROR = null;

/**
 * Turns what a handler threw into the response's error. Typed errors keep their code;
 * anything else is a bug, logged, and answered as UNKNOWN_SERVER_ERROR. `leader` is set only
 * with NOT_CONTROLLER, when this controller knows the Raft leader.
 */
export function toWireError(error: unknown, logger: Logger): ControllerWire.Error__Output {
  if (error instanceof NotControllerError) {
    const leader = error.leader === undefined ? null : { id: error.leader.id, host: error.leader.host, port: error.leader.port };
    return { code: error.errorCode, name: error.code, message: error.message, leader };
  }
  if (error instanceof SamsaError) return { code: error.errorCode, name: error.code, message: error.message, leader: null };
  logger.error({ err: error }, 'controller request failed unexpectedly');
  return { code: -1, name: 'UNKNOWN_SERVER_ERROR', message: error instanceof Error ? error.message : String(error), leader: null };
}
