// Original file: proto/samsa/v1/broker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ReplicaFetchRequest as _samsa_broker_v1_ReplicaFetchRequest, ReplicaFetchRequest__Output as _samsa_broker_v1_ReplicaFetchRequest__Output } from '../../../samsa/broker/v1/ReplicaFetchRequest';
import type { ReplicaFetchResponse as _samsa_broker_v1_ReplicaFetchResponse, ReplicaFetchResponse__Output as _samsa_broker_v1_ReplicaFetchResponse__Output } from '../../../samsa/broker/v1/ReplicaFetchResponse';

export interface ReplicationClient extends grpc.Client {
  /**
   * A follower opens one stream to each broker that leads partitions it follows. Each
   * request fetches all those partitions; the leader answers each request exactly once, as
   * soon as there is data (or a high watermark move) or after max_wait_ms.
   */
  Fetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_samsa_broker_v1_ReplicaFetchRequest, _samsa_broker_v1_ReplicaFetchResponse__Output>;
  Fetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_samsa_broker_v1_ReplicaFetchRequest, _samsa_broker_v1_ReplicaFetchResponse__Output>;
  /**
   * A follower opens one stream to each broker that leads partitions it follows. Each
   * request fetches all those partitions; the leader answers each request exactly once, as
   * soon as there is data (or a high watermark move) or after max_wait_ms.
   */
  fetch(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_samsa_broker_v1_ReplicaFetchRequest, _samsa_broker_v1_ReplicaFetchResponse__Output>;
  fetch(options?: grpc.CallOptions): grpc.ClientDuplexStream<_samsa_broker_v1_ReplicaFetchRequest, _samsa_broker_v1_ReplicaFetchResponse__Output>;
  
}

export interface ReplicationHandlers extends grpc.UntypedServiceImplementation {
  /**
   * A follower opens one stream to each broker that leads partitions it follows. Each
   * request fetches all those partitions; the leader answers each request exactly once, as
   * soon as there is data (or a high watermark move) or after max_wait_ms.
   */
  Fetch: grpc.handleBidiStreamingCall<_samsa_broker_v1_ReplicaFetchRequest__Output, _samsa_broker_v1_ReplicaFetchResponse>;
  
}

export interface ReplicationDefinition extends grpc.ServiceDefinition {
  Fetch: MethodDefinition<_samsa_broker_v1_ReplicaFetchRequest, _samsa_broker_v1_ReplicaFetchResponse, _samsa_broker_v1_ReplicaFetchRequest__Output, _samsa_broker_v1_ReplicaFetchResponse__Output>
}
