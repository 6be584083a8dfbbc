import * as grpc from '@grpc/grpc-js';
import type { ErrorName } from '@samsa/protocol';
import { BrokerError, ConnectionError, RequestTimeoutError, type SamsaClientError } from '../errors/client-errors';

type UnaryMethod = (request: object, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response?: unknown) => void) => grpc.ClientUnaryCall;

/**
 * Calls one unary method with a deadline and turns gRPC failures into the client's typed
 * errors: an unreachable or vanished broker is `ConnectionError` (retriable, refresh
 * metadata), a missed deadline is `RequestTimeoutError` (retriable: the request may or may
 * not have taken effect), anything else a non-retriable `BrokerError`.
 */
export function unaryCall<Response>(client: grpc.Client, address: string, method: string, request: object, timeoutMs: number): Promise<Response> {
  const callable = (client as unknown as Record<string, UnaryMethod | undefined>)[method];
  if (typeof callable !== 'function') throw new TypeError(`the Broker service has no method ${method}`);
  return new Promise<Response>((resolve, reject) => {
    callable.call(client, request, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) => {
      if (error !== null) reject(grpcErrorToSamsa(error, address, method));
      else resolve(response as Response);
    });
  });
}

export function grpcErrorToSamsa(error: grpc.ServiceError, address: string, method: string): SamsaClientError {
  const what = `${method} to ${address}`;
  switch (error.code) {
    case grpc.status.UNAVAILABLE:
    case grpc.status.CANCELLED:
    case grpc.status.ABORTED:
      return new ConnectionError(`${what} failed: ${error.details || 'connection unavailable'}`, address, { cause: error });
    case grpc.status.DEADLINE_EXCEEDED:
      return new RequestTimeoutError(`${what} timed out`, address, { cause: error });
    default:
      return new BrokerError(codeOfStatus(error.code), `${what} failed: ${grpc.status[error.code] ?? error.code} ${error.details}`, address, { cause: error });
  }
}

function codeOfStatus(status: grpc.status): ErrorName {
  switch (status) {
    case grpc.status.RESOURCE_EXHAUSTED:
      return 'MESSAGE_TOO_LARGE';
    case grpc.status.UNIMPLEMENTED:
      return 'UNSUPPORTED_VERSION';
    case grpc.status.INVALID_ARGUMENT:
      return 'INVALID_REQUEST';
    default:
      return 'UNKNOWN_SERVER_ERROR';
  }
}
