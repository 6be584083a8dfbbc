import { expectValidAssignment, namesOf, specOf } from '../test-support/assignment-checks';
import { roundRobinAssignor } from './round-robin-assignor';

describe('round-robin assignor', () => {
  it('deals partitions in turn, topic by topic, to the members in id order', () => {
    const spec = specOf(
      [
        { id: 'm2', topics: ['a', 'b'] },
        { id: 'm1', topics: ['a', 'b'] },
      ],
      { a: 3, b: 2 },
    );
    const result = roundRobinAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect(namesOf(result.get('m1')!)).toEqual(['a-0', 'a-2', 'b-1']);
    expect(namesOf(result.get('m2')!)).toEqual(['a-1', 'b-0']);
  });

  it('skips members not subscribed to the topic being dealt', () => {
    const spec = specOf(
      [
        { id: 'm1', topics: ['a'] },
        { id: 'm2', topics: ['a', 'b'] },
        { id: 'm3', topics: ['b'] },
      ],
      { a: 2, b: 3 },
    );
    const result = roundRobinAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect(namesOf(result.get('m1')!)).toEqual(['a-0']);
    expect(namesOf(result.get('m2')!)).toEqual(['a-1', 'b-1']);
    expect(namesOf(result.get('m3')!)).toEqual(['b-0', 'b-2']);
  });
});
