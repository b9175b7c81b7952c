/**
 * A small Prometheus registry (counters with labels and one latency
 * histogram), rendered in the text exposition format at `/metrics`.
 */
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
  private readonly histogram = { counts: new Array<number>(11).fill(0), sum: 0, count: 0 };

  constructor() {
    this.define('dbarai_turns_total', 'Messages handled by the bot, by channel');
    this.define('dbarai_intents_total', 'Messages by recognised intent');
    this.define('dbarai_remedies_total', 'Remedies given, by remedy');
    this.define('dbarai_handoffs_total', 'Hand-off tickets opened, by priority');
    this.define('dbarai_rate_limited_total', 'Requests refused with 429, by what was limited');
    this.define('dbarai_turn_errors_total', 'Turns that failed and got the polite error reply');
  }

  private define(name: string, help: string): void {
    this.counters.set(name, { help, values: new Map() });
  }

  /** Adds one to a counter for the given label values. */
  inc(name: string, labels: Record<string, string> = {}): void {
    const c = this.counters.get(name);
    if (!c) throw new Error(`unknown metric ${name}`);
    const key = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
      .join(',');
    c.values.set(key, (c.values.get(key) ?? 0) + 1);
  }

  /** Records one turn's latency in seconds. */
  observe(seconds: number): void {
    const i = this.buckets.findIndex((b) => seconds <= b);
    this.histogram.counts[i === -1 ? this.buckets.length : i]!++;
    this.histogram.sum += seconds;
    this.histogram.count++;
  }

  /** The text exposition format. */
  render(): string {
    const lines: string[] = [];
    for (const [name, c] of this.counters) {
      lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
      if (c.values.size === 0) lines.push(`${name} 0`);
      for (const [labels, v] of c.values) lines.push(labels ? `${name}{${labels}} ${v}` : `${name} ${v}`);
    }
    const h = 'dbarai_turn_seconds';
    lines.push(`# HELP ${h} Time to handle one message, state and transcript saved`, `# TYPE ${h} histogram`);
    let cumulative = 0;
    this.buckets.forEach((b, i) => {
      cumulative += this.histogram.counts[i]!;
      lines.push(`${h}_bucket{le="${b}"} ${cumulative}`);
    });
    lines.push(`${h}_bucket{le="+Inf"} ${this.histogram.count}`, `${h}_sum ${this.histogram.sum}`, `${h}_count ${this.histogram.count}`);
    return lines.join('\n') + '\n';
  }
}
