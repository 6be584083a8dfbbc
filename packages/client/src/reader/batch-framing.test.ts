import { encodeRecordBatch, isSamsaError } from '@samsa/protocol';
import { completeBatchesBytes } from './batch-framing';

describe('completeBatchesBytes', () => {
  it('counts only whole batches, for every cut of a two-batch buffer', async () => {
    const first = await encodeRecordBatch({ records: [{ key: null, value: Buffer.from('one') }] });
    const second = await encodeRecordBatch({ records: [{ key: Buffer.from('k'), value: Buffer.from('two'.repeat(20)) }] });
    const both = Buffer.concat([first, second]);
    for (let cut = 0; cut <= both.length; cut++) {
      const expected = cut === both.length ? both.length : cut >= first.length ? first.length : 0;
      expect(completeBatchesBytes(both.subarray(0, cut))).toBe(expected);
    }
  });

  it('calls a length too small for a header corruption', () => {
    const bogus = Buffer.alloc(20);
    bogus.writeInt32BE(3, 8);
    expect(() => completeBatchesBytes(bogus)).toThrow(expect.objectContaining({ code: 'CORRUPT_MESSAGE' }));
    try {
      completeBatchesBytes(bogus);
    } catch (error) {
      expect(isSamsaError(error, 'CORRUPT_MESSAGE')).toBe(true);
    }
  });
});
