import {
  isArrayOf,
  isBigInt,
  isInteger,
  isIntegerArray,
  isNullableString,
  isObjectWith,
  isOneOf,
  isString,
  type ObjectShape,
} from './field-checks';
import type { MetadataRecordType } from './records';

const isListener = isObjectWith({ name: isString, host: isString, port: isInteger });

const brokerEpochShape: ObjectShape = { required: { brokerId: isInteger, brokerEpoch: isInteger } };

/** A partition's fields: in Partition records and in image snapshots alike. */
export const partitionFields = {
  topicId: isString,
  partition: isInteger,
  replicas: isIntegerArray,
  isr: isIntegerArray,
  leader: isInteger,
  leaderEpoch: isInteger,
  partitionEpoch: isInteger,
  addingReplicas: isIntegerArray,
  removingReplicas: isIntegerArray,
};

/** KIP-966's partition fields, optional wherever they appear: older records and snapshots lack them. */
export const eligibleLeaderFields = {
  elr: isIntegerArray,
  lastKnownElr: isIntegerArray,
};

/** The fields of every record type, besides `type`; kept beside `records.ts` by hand. */
export const recordShapes: { readonly [T in MetadataRecordType]: ObjectShape } = {
  RegisterBroker: {
    required: {
      brokerId: isInteger,
      incarnationId: isString,
      brokerEpoch: isInteger,
      listeners: isArrayOf(isListener),
      rack: isNullableString,
    },
  },
  FenceBroker: brokerEpochShape,
  UnfenceBroker: brokerEpochShape,
  UnregisterBroker: brokerEpochShape,
  Topic: { required: { name: isString, topicId: isString } },
  RemoveTopic: { required: { topicId: isString } },
  Partition: { required: partitionFields, optional: eligibleLeaderFields },
  PartitionChange: {
    required: { topicId: isString, partition: isInteger },
    optional: {
      expectedPartitionEpoch: isInteger,
      leader: isInteger,
      isr: isIntegerArray,
      replicas: isIntegerArray,
      addingReplicas: isIntegerArray,
      removingReplicas: isIntegerArray,
      ...eligibleLeaderFields,
    },
  },
  Config: {
    required: { resourceType: isOneOf('topic', 'broker'), name: isString, key: isString, value: isNullableString },
  },
  ProducerIds: { required: { brokerId: isInteger, brokerEpoch: isInteger, nextProducerId: isBigInt } },
};
