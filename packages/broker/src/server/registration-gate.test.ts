import { MetadataImage, type MetadataRecord } from '@samsa/metadata';
import { mayFollowAssignments } from './registration-gate';

function register(brokerId: number, brokerEpoch: number, incarnationId: string): MetadataRecord {
  return { type: 'RegisterBroker', brokerId, incarnationId, brokerEpoch, listeners: [{ name: 'client', host: '127.0.0.1', port: 9092 }], rack: null };
}

test('a broker not registered yet follows no assignment', () => {
  expect(mayFollowAssignments(MetadataImage.EMPTY, 1, -1)).toBe(false);
});

test("an image of the previous incarnation is not followed: its leaderships may rest on a lost tail", () => {
  const image = MetadataImage.EMPTY.apply(register(1, 4, 'before-the-crash'), 1);
  expect(mayFollowAssignments(image, 1, 7)).toBe(false);
});

test('the image that holds this incarnation\'s registration, and every one after, is followed', () => {
  const image = MetadataImage.EMPTY.apply(register(1, 4, 'before-the-crash'), 1).apply(register(1, 7, 'now'), 2);
  expect(mayFollowAssignments(image, 1, 7)).toBe(true);
});
