import { STARTED_MESSAGE, startedPortsOf } from './started-line';

const line = (fields: object) => JSON.stringify({ level: 30, time: 1, pid: 7, component: 'server', nodeId: 1, ...fields });

describe('startedPortsOf', () => {
  test('reads the bound ports of the started record', () => {
    expect(startedPortsOf(line({ msg: STARTED_MESSAGE, ports: { broker: 40001, controller: 40002, http: 40003 } }))).toEqual({ broker: 40001, controller: 40002, http: 40003 });
    expect(startedPortsOf(line({ msg: STARTED_MESSAGE, ports: { controller: 40002, http: 40003 } }))).toEqual({ controller: 40002, http: 40003 });
    expect(startedPortsOf(line({ msg: STARTED_MESSAGE, ports: { broker: 40001, http: 40003 } }))).toEqual({ broker: 40001, http: 40003 });
  });

  test('ignores every other line, and a started record without usable ports', () => {
    expect(startedPortsOf(line({ msg: 'broker listening', port: 40001 }))).toBeUndefined();
    expect(startedPortsOf(`not json but mentions ${STARTED_MESSAGE}`)).toBeUndefined();
    expect(startedPortsOf(line({ msg: 'stopping', note: STARTED_MESSAGE }))).toBeUndefined();
    expect(startedPortsOf(line({ msg: STARTED_MESSAGE }))).toBeUndefined();
    expect(startedPortsOf(line({ msg: STARTED_MESSAGE, ports: { broker: 0, http: 40003 } }))).toBeUndefined();
    expect(startedPortsOf(line({ msg: STARTED_MESSAGE, ports: { broker: 40001 } }))).toBeUndefined();
  });
});
