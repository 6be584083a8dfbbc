import type { ControllerClient } from '@samsa/metadata';

/**
 * Producer ids for InitProducerId, handed out from blocks the controller allocates (Kafka's
 * ProducerIdManager): ids are unique across the cluster because blocks never overlap.
 */
export class ProducerIdPool {
  private nextId = 0;
  private endId = 0;
  private refill: Promise<void> | undefined;

  constructor(
    private readonly options: { readonly brokerId: number; readonly brokerEpoch: () => number; readonly controller: ControllerClient },
  ) {}

  async next(): Promise<number> {
    while (this.nextId >= this.endId) {
      this.refill ??= this.allocate().finally(() => (this.refill = undefined));
      await this.refill;
    }
    return this.nextId++;
  }

  private async allocate(): Promise<void> {
    const block = await this.options.controller.allocateProducerIds({ brokerId: this.options.brokerId, brokerEpoch: this.options.brokerEpoch() });
    this.nextId = block.producerIdStart;
    this.endId = block.producerIdStart + block.producerIdCount;
  }
}
