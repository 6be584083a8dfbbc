// The messages of the hot methods (Broker.Produce, Broker.Fetch, Replication.Fetch), as
// schemas for the hand codec. Field numbers and names are broker.proto's; a test checks
// every one against proto-loader's reading of the file.
import type { MessageSchema } from './message-schema';

const LEADER_HINT: MessageSchema = {
  fullName: 'samsa.broker.v1.LeaderHint',
  fields: [
    { number: 1, name: 'leaderId', type: 'int32' },
    { number: 2, name: 'leaderEpoch', type: 'int32' },
  ],
};

export const PRODUCE_REQUEST: MessageSchema = {
  fullName: 'samsa.broker.v1.ProduceRequest',
  fields: [
    { number: 1, name: 'acks', type: 'int32' },
    { number: 2, name: 'timeoutMs', type: 'int32' },
    {
      number: 3,
      name: 'topics',
      repeated: true,
      type: {
        fullName: 'samsa.broker.v1.TopicProduceData',
        fields: [
          { number: 1, name: 'name', type: 'string' },
          {
            number: 2,
            name: 'partitions',
            repeated: true,
            type: {
              fullName: 'samsa.broker.v1.PartitionProduceData',
              fields: [
                { number: 1, name: 'partition', type: 'int32' },
                { number: 2, name: 'records', type: 'bytes' },
              ],
            },
          },
        ],
      },
    },
  ],
};

export const PRODUCE_RESPONSE: MessageSchema = {
  fullName: 'samsa.broker.v1.ProduceResponse',
  fields: [
    {
      number: 1,
      name: 'topics',
      repeated: true,
      type: {
        fullName: 'samsa.broker.v1.TopicProduceResponse',
        fields: [
          { number: 1, name: 'name', type: 'string' },
          {
            number: 2,
            name: 'partitions',
            repeated: true,
            type: {
              fullName: 'samsa.broker.v1.PartitionProduceResponse',
              fields: [
                { number: 1, name: 'partition', type: 'int32' },
                { number: 2, name: 'errorCode', type: 'int32' },
                { number: 3, name: 'errorMessage', type: 'string' },
                { number: 4, name: 'baseOffset', type: 'int64' },
                { number: 5, name: 'logAppendTimeMs', type: 'int64' },
                { number: 6, name: 'logStartOffset', type: 'int64' },
                { number: 7, name: 'currentLeader', type: LEADER_HINT },
              ],
            },
          },
        ],
      },
    },
  ],
};

export const FETCH_REQUEST: MessageSchema = {
  fullName: 'samsa.broker.v1.FetchRequest',
  fields: [
    { number: 1, name: 'maxWaitMs', type: 'int32' },
    { number: 2, name: 'minBytes', type: 'int32' },
    { number: 3, name: 'maxBytes', type: 'int32' },
    { number: 4, name: 'isolationLevel', type: 'int32' },
    {
      number: 5,
      name: 'topics',
      repeated: true,
      type: {
        fullName: 'samsa.broker.v1.FetchTopic',
        fields: [
          { number: 1, name: 'name', type: 'string' },
          {
            number: 2,
            name: 'partitions',
            repeated: true,
            type: {
              fullName: 'samsa.broker.v1.FetchPartition',
              fields: [
                { number: 1, name: 'partition', type: 'int32' },
                { number: 2, name: 'fetchOffset', type: 'int64' },
                { number: 3, name: 'partitionMaxBytes', type: 'int32' },
                { number: 4, name: 'currentLeaderEpoch', type: 'int32' },
              ],
            },
          },
        ],
      },
    },
  ],
};

export const FETCH_RESPONSE: MessageSchema = {
  fullName: 'samsa.broker.v1.FetchResponse',
  fields: [
    { number: 1, name: 'errorCode', type: 'int32' },
    {
      number: 2,
      name: 'topics',
      repeated: true,
      type: {
        fullName: 'samsa.broker.v1.FetchableTopicResponse',
        fields: [
          { number: 1, name: 'name', type: 'string' },
          {
            number: 2,
            name: 'partitions',
            repeated: true,
            type: {
              fullName: 'samsa.broker.v1.PartitionData',
              fields: [
                { number: 1, name: 'partition', type: 'int32' },
                { number: 2, name: 'errorCode', type: 'int32' },
                { number: 3, name: 'errorMessage', type: 'string' },
                { number: 4, name: 'highWatermark', type: 'int64' },
                { number: 5, name: 'lastStableOffset', type: 'int64' },
                { number: 6, name: 'logStartOffset', type: 'int64' },
                { number: 7, name: 'records', type: 'bytes' },
                { number: 8, name: 'currentLeader', type: LEADER_HINT },
              ],
            },
          },
        ],
      },
    },
  ],
};

export const REPLICA_FETCH_REQUEST: MessageSchema = {
  fullName: 'samsa.broker.v1.ReplicaFetchRequest',
  fields: [
    { number: 1, name: 'replicaId', type: 'int32' },
    { number: 2, name: 'brokerEpoch', type: 'int64' },
    { number: 3, name: 'maxWaitMs', type: 'int32' },
    { number: 4, name: 'minBytes', type: 'int32' },
    { number: 5, name: 'maxBytes', type: 'int32' },
    {
      number: 6,
      name: 'partitions',
      repeated: true,
      type: {
        fullName: 'samsa.broker.v1.ReplicaFetchPartition',
        fields: [
          { number: 1, name: 'topicId', type: 'string' },
          { number: 2, name: 'partition', type: 'int32' },
          { number: 3, name: 'currentLeaderEpoch', type: 'int32' },
          { number: 4, name: 'fetchOffset', type: 'int64' },
          { number: 5, name: 'lastFetchedEpoch', type: 'int32' },
          { number: 6, name: 'logStartOffset', type: 'int64' },
          { number: 7, name: 'partitionMaxBytes', type: 'int32' },
        ],
      },
    },
    {
      number: 7,
      name: 'forgotten',
      repeated: true,
      type: {
        fullName: 'samsa.broker.v1.ForgottenPartition',
        fields: [
          { number: 1, name: 'topicId', type: 'string' },
          { number: 2, name: 'partition', type: 'int32' },
        ],
      },
    },
  ],
};

export const REPLICA_FETCH_RESPONSE: MessageSchema = {
  fullName: 'samsa.broker.v1.ReplicaFetchResponse',
  fields: [
    { number: 1, name: 'errorCode', type: 'int32' },
    {
      number: 2,
      name: 'partitions',
      repeated: true,
      type: {
        fullName: 'samsa.broker.v1.ReplicaPartitionData',
        fields: [
          { number: 1, name: 'topicId', type: 'string' },
          { number: 2, name: 'partition', type: 'int32' },
          { number: 3, name: 'errorCode', type: 'int32' },
          { number: 4, name: 'highWatermark', type: 'int64' },
          { number: 5, name: 'logStartOffset', type: 'int64' },
          {
            number: 6,
            name: 'divergingEpoch',
            type: {
              fullName: 'samsa.broker.v1.EpochEndOffset',
              fields: [
                { number: 1, name: 'epoch', type: 'int32' },
                { number: 2, name: 'endOffset', type: 'int64' },
              ],
            },
          },
          { number: 7, name: 'records', type: 'bytes' },
        ],
      },
    },
  ],
};
