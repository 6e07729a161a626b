/** A search's time limit, read from the clock only every so many checks. */
export class Deadline {
  private checks = 0;
  /** Milliseconds kept in hand: the longest step seen, when the caller reports its steps. */
  private reserve = 0;
  expired = false;
  /** `every`: read the clock once per that many checks; it is slow next to a small search node. */
  constructor(
    private readonly at: number,
    private readonly every = 64,
  ) {}
  passed(): boolean {
    if (this.expired) return true;
    if (++this.checks % this.every === 0 && performance.now() + this.reserve > this.at) this.expired = true;
    return this.expired;
  }

  /** A step of `ms` just ran: stop early enough that one more such step ends by the deadline. */
  took(ms: number): void {
    if (ms > this.reserve) this.reserve = ms;
  }
}
