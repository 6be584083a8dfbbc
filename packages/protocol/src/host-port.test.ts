import { formatHostPort, parseHostPort } from './host-port';

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:9092', { host: '127.0.0.1', port: 9092 }],
    [' localhost:0 ', { host: 'localhost', port: 0 }],
    ['[::1]:9093', { host: '::1', port: 9093 }],
    ['broker-1.example:65535', { host: 'broker-1.example', port: 65535 }],
  ])('reads %j', (raw, expected) => {
    expect(parseHostPort(raw)).toEqual(expected);
  });

  it.each(['localhost', ':9092', '::1:9092', 'host:65536', 'host:port', 'a b:1', ''])('refuses %j, saying what it expected', (raw) => {
    expect(() => parseHostPort(raw)).toThrow('expected HOST:PORT with a port from 0 to 65535');
  });
});

describe('formatHostPort', () => {
  it('brackets IPv6 hosts, so the result parses back to the same address', () => {
    for (const address of [{ host: '127.0.0.1', port: 9092 }, { host: '::1', port: 0 }, { host: 'fe80::1', port: 19093 }]) {
      const text = formatHostPort(address);
      expect(parseHostPort(text)).toEqual(address);
    }
    expect(formatHostPort({ host: '::1', port: 9093 })).toBe('[::1]:9093');
  });
});
