// A moment on a host with a time zone: PowerShell 5.1 writes it as \/Date(ms)\/, PowerShell 7 as local ISO time.

export class When {
  constructor(
    readonly utcMs: number,
    /** The host's offset from UTC in minutes (W. Europe in November: 60). */
    readonly offsetMinutes: number,
  ) {}

  static at(isoUtc: string, offsetMinutes: number): When {
    return new When(Date.parse(isoUtc), offsetMinutes);
  }

  plus(ms: number): When {
    return new When(this.utcMs + ms, this.offsetMinutes);
  }

  /** UTC as Docker prints Created and StartedAt: RFC 3339 with up to 7 fractional digits, trailing zeros trimmed. */
  dockerUtc(): string {
    return `${new Date(this.utcMs).toISOString().slice(0, 19)}${trimmed(this.fraction())}Z`;
  }

  /** Local time with offset: how older Windows engines printed timestamps (fraction trimmed, `go: true`) and how PowerShell 7 writes dates (7 digits). */
  local(go = false): string {
    const local = new Date(this.utcMs + this.offsetMinutes * 60_000).toISOString().slice(0, 19);
    const sign = this.offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(this.offsetMinutes);
    const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    return `${local}${go ? trimmed(this.fraction()) : `.${this.fraction()}`}${offset}`;
  }

  /** Seven digits: the milliseconds plus 100 ns ticks derived from the moment itself, so output is stable. */
  private fraction(): string {
    const ms = ((this.utcMs % 1000) + 1000) % 1000;
    const ticks = Math.abs((this.utcMs * 7919) % 10000);
    return `${String(ms).padStart(3, '0')}${String(ticks).padStart(4, '0')}`;
  }
}

function trimmed(fraction: string): string {
  const t = fraction.replace(/0+$/, '');
  return t === '' ? '' : `.${t}`;
}
