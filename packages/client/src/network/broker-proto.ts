import { type BrokerServiceConstructor, brokerService } from '@samsa/protocol';

/**
 * The `samsa.broker.v1.Broker` service, loaded once per process by @samsa/protocol with the
 * options every Samsa process uses (int64 as numbers, enums as names, defaults filled in):
 * a client constructor whose `.service` a server can add.
 */
export function brokerServiceClient(): BrokerServiceConstructor {
  return brokerService();
}
