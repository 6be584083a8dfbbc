import { assignmentOf, expectValidAssignment, namesOf, specOf } from '../test-support/assignment-checks';
import { rangeAssignor } from './range-assignor';

describe('range assignor', () => {
  it('gives each member a contiguous range per topic, the first members one extra', () => {
    const spec = specOf(
      [
        { id: 'm2', topics: ['a', 'b'] },
        { id: 'm1', topics: ['a', 'b'] },
        { id: 'm3', topics: ['a'] },
      ],
      { a: 7, b: 3 },
    );
    const result = rangeAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect(namesOf(result.get('m1')!)).toEqual(['a-0', 'a-1', 'a-2', 'b-0', 'b-1']);
    expect(namesOf(result.get('m2')!)).toEqual(['a-3', 'a-4', 'b-2']);
    expect(namesOf(result.get('m3')!)).toEqual(['a-5', 'a-6']);
  });

  it('orders static members by instance id, so a restarted member gets its range back', () => {
    const spec = specOf(
      [
        { id: 'zz-new-id', instanceId: 'i1', topics: ['a'] },
        { id: 'aa', instanceId: 'i2', topics: ['a'] },
      ],
      { a: 4 },
    );
    const result = rangeAssignor.assign(spec);
    expect(result.get('zz-new-id')).toEqual(assignmentOf(['a-0', 'a-1']));
    expect(result.get('aa')).toEqual(assignmentOf(['a-2', 'a-3']));
  });

  it('leaves members with no subscribed topic empty, and topics nobody reads unassigned', () => {
    const spec = specOf([{ id: 'm1', topics: ['a'] }, { id: 'm2', topics: [] }], { a: 2, b: 5 });
    const result = rangeAssignor.assign(spec);
    expectValidAssignment(spec, result);
    expect(result.get('m2')).toEqual([]);
    expect(namesOf(result.get('m1')!)).toEqual(['a-0', 'a-1']);
  });
});
