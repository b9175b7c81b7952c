import { describe, expect, it } from 'vitest';
import { LocalBus, type BusEvents } from '../src/bus.js';

const line = (id: number): BusEvents['message'] => ({ ticketId: 'T-00000000AA', id, role: 'user', text: `#${id}`, at: id });

describe('LocalBus', () => {
  it('hands a publish to every subscriber of its topic, at once and in order, and to no other topic', () => {
    const bus = new LocalBus();
    const a: number[] = [];
    const b: number[] = [];
    const models: number[] = [];
    bus.subscribe('message', (m) => a.push(m.id));
    bus.subscribe('message', (m) => b.push(m.id));
    bus.subscribe('model', (m) => models.push(m.version));
    bus.publish('message', line(1));
    bus.publish('message', line(2));
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 2]);
    expect(models).toEqual([]);
    bus.publish('model', { version: 3 });
    expect(models).toEqual([3]);
  });

  it('stops handing events to a subscriber that unsubscribed, and only to it', () => {
    const bus = new LocalBus();
    const kept: number[] = [];
    const gone: number[] = [];
    bus.subscribe('model', (m) => kept.push(m.version));
    const unsubscribe = bus.subscribe('model', (m) => gone.push(m.version));
    bus.publish('model', { version: 1 });
    unsubscribe();
    unsubscribe(); // twice is harmless
    bus.publish('model', { version: 2 });
    expect(kept).toEqual([1, 2]);
    expect(gone).toEqual([1]);
  });

  it('takes any number of subscribers (one per event stream) without a warning', () => {
    const bus = new LocalBus();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    let heard = 0;
    for (let i = 0; i < 50; i++) bus.subscribe('ticket', () => void heard++);
    bus.publish('ticket', { position: 1 } as BusEvents['ticket']);
    process.off('warning', onWarning);
    expect(heard).toBe(50);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('is not distributed, and hands nothing on once closed', async () => {
    const bus = new LocalBus();
    const heard: number[] = [];
    bus.subscribe('model', (m) => heard.push(m.version));
    expect(bus.distributed).toBe(false);
    await bus.close();
    bus.publish('model', { version: 1 });
    expect(heard).toEqual([]);
  });
});
