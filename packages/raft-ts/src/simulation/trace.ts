/**
 * The last events of a simulation run, kept cheaply: text is built only when a failure
 * prints the trace, since formatting every delivered message would dominate the run time.
 */
export class Trace {
  private readonly events: Array<{ tick: number; describe: () => string }> = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  record(tick: number, describe: () => string): void {
    const event = { tick, describe };
    if (this.events.length < this.capacity) this.events.push(event);
    else this.events[this.next] = event;
    this.next = (this.next + 1) % this.capacity;
  }

  format(): string {
    const ordered = this.events.length < this.capacity ? this.events : [...this.events.slice(this.next), ...this.events.slice(0, this.next)];
    return ordered.map((event) => `  [t=${event.tick}] ${event.describe()}`).join('\n');
  }
}
