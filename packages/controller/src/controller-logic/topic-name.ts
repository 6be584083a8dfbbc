import type { MetadataImage } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { TOPIC_NAME_LENGTH_MAX } from './defaults';

const LEGAL_CHARACTERS = /^[a-zA-Z0-9._-]+$/;

/** Kafka's topic name rules; a bad name throws `INVALID_TOPIC_EXCEPTION` saying why. */
export function validateTopicName(name: string): void {
  const invalid = (why: string) => new SamsaError('INVALID_TOPIC_EXCEPTION', `topic name ${JSON.stringify(name)} ${why}`);
  if (name.length === 0) throw invalid('is empty');
  if (name === '.' || name === '..') throw invalid('cannot be "." or ".."');
  if (name.length > TOPIC_NAME_LENGTH_MAX) throw invalid(`is longer than ${TOPIC_NAME_LENGTH_MAX} characters`);
  if (!LEGAL_CHARACTERS.test(name)) throw invalid('may contain only ASCII letters, digits, ".", "_" and "-"');
}

/**
 * Kafka refuses a topic whose name differs from an existing one only by "." versus "_",
 * because metric names replace "." with "_" and the two would report as one.
 */
export function collidingTopicName(image: MetadataImage, name: string): string | undefined {
  const normalized = name.replaceAll('.', '_');
  return image.topicNames().find((existing) => existing !== name && existing.replaceAll('.', '_') === normalized);
}
