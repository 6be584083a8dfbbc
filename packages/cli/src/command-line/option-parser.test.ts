import { parseConfigEntries, parseConfigKeys } from './config-entries';
import { type OptionSpec, parseIntegerOption, parseOptions } from './option-parser';

const specs: OptionSpec[] = [
  { name: 'partitions', short: 'p', type: 'string', description: '' },
  { name: 'config', type: 'string', multiple: true, description: '' },
  { name: 'json', type: 'boolean', description: '' },
];

describe('parseOptions', () => {
  test('reads --name value, --name=value, -s value, switches and positionals in any order', () => {
    expect(parseOptions(['orders', '--partitions', '6', '--json', '--config=a=1', '--config', 'b=2'], specs)).toEqual({
      values: { partitions: '6', json: true, config: ['a=1', 'b=2'] },
      positionals: ['orders'],
    });
    expect(parseOptions(['-p', '3', 'x'], specs).values).toEqual({ partitions: '3' });
  });
  test('a string option takes the next argument even when it starts with a dash', () => {
    expect(parseOptions(['--partitions', '-1'], specs).values).toEqual({ partitions: '-1' });
  });
  test('-- ends the options', () => {
    expect(parseOptions(['--', '--json'], specs)).toEqual({ values: {}, positionals: ['--json'] });
  });
  test('unknown options, missing values and values on switches are one-line errors naming the option', () => {
    expect(() => parseOptions(['--nope'], specs)).toThrow('unknown option --nope');
    expect(() => parseOptions(['-x'], specs)).toThrow('unknown option -x');
    expect(() => parseOptions(['--partitions'], specs)).toThrow('missing value for --partitions');
    expect(() => parseOptions(['--json=yes'], specs)).toThrow('option --json takes no value');
  });
});

describe('parseIntegerOption', () => {
  test('accepts integers in range and names the option otherwise', () => {
    expect(parseIntegerOption('partitions', '6', { min: 1, max: 10 })).toBe(6);
    expect(() => parseIntegerOption('partitions', '0', { min: 1, max: 10 })).toThrow('invalid --partitions: expected an integer in [1, 10], got "0"');
    expect(() => parseIntegerOption('partitions', '2.5', { min: 1, max: 10 })).toThrow('invalid --partitions');
    expect(() => parseIntegerOption('partitions', 'six', { min: 1, max: 10 })).toThrow('got "six"');
  });
});

describe('--config KEY=VALUE', () => {
  test('splits on the first =, trims, keeps order', () => {
    expect(parseConfigEntries(['retention.ms=1000', ' cleanup.policy = delete ', 'x=a=b'])).toEqual([
      { key: 'retention.ms', value: '1000' },
      { key: 'cleanup.policy', value: 'delete' },
      { key: 'x', value: 'a=b' },
    ]);
  });
  test('refuses a missing =, an empty key or value, and a key given twice', () => {
    expect(() => parseConfigEntries(['retention.ms'])).toThrow('invalid --config: expected KEY=VALUE, got "retention.ms"');
    expect(() => parseConfigEntries(['=1'])).toThrow('expected KEY=VALUE, got "=1"');
    expect(() => parseConfigEntries(['a='])).toThrow('expected KEY=VALUE, got "a="');
    expect(() => parseConfigEntries(['a=1', 'a=2'])).toThrow('invalid --config: key "a" is given twice');
  });
  test('--delete-config takes plain, distinct keys', () => {
    expect(parseConfigKeys(['a', 'b'])).toEqual(['a', 'b']);
    expect(() => parseConfigKeys(['a=1'])).toThrow('invalid --delete-config: expected a config KEY, got "a=1"');
    expect(() => parseConfigKeys(['a', 'a'])).toThrow('key "a" is given twice');
  });
});
