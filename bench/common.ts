/**
 * Pieces the bench's processes share: the scripted conversations, the IPC
 * messages between the bench and its children, and small statistics helpers.
 */
import type { OpenedTicket, TicketSink, TicketState } from '../src/handoff/types.js';
import { readFileSync } from 'node:fs';

/**
 * A conversation that walks the troubleshooting dialog twice (Japanese, then
 * English), a second Japanese path and small talk, ending each dialog so the
 * next message starts cleanly. No step opens a hand-off ticket, so the bot
 * answers every message with at least one reply.
 */
export const WALK: readonly string[] = [
  'd払いにログインできません',
  'ドコモです',
  'Wi-Fiです',
  'できました！',
  'ありがとう',
  'こんにちは',
  'I cannot log in to d barai',
  'docomo',
  'wifi',
  'yes, it worked',
  'thanks',
  'ahamoです。アプリでエラーが出ます',
  'モバイルデータです',
  'だめでした',
  'はい',
  'bye',
];

/** Four-turn troubleshooting paths for the dialog bench (each ends with the dialog closed). */
export const PATHS: readonly (readonly string[])[] = [
  ['d払いにログインできません', 'ドコモです', 'Wi-Fiです', 'できました！'],
  ['I cannot log in to d barai', 'docomo', 'wifi', 'yes, it worked'],
  ['ahamoです。アプリでエラーが出ます', 'モバイルデータです', 'だめでした', 'はい'],
];

/** Tasks the bench hands the load generator. */
/** `urls`: several instances; user i talks to `urls[i % n]` (ids come from the first, every instance accepts them). */
export type LoadTask =
  | { kind: 'paced'; url: string; urls?: string[]; users: number; seconds: number }
  | { kind: 'flood'; url: string; urls?: string[]; users: number; seconds: number; warmupSeconds: number; signed: boolean }
  /** A flood of the bot's server (`url`, signed ids) and of the bare one in turns: `rounds` rounds of each, warm-up + `roundSeconds` each. */
  | { kind: 'pair'; url: string; bareUrl: string; users: number; rounds: number; roundSeconds: number; warmupSeconds: number }
  | { kind: 'ws'; url: string; users: number; messages: number; replyTimeoutMs: number; settleMs: number }
  | { kind: 'failover'; urls: string[]; users: number; seconds: number }
  | { kind: 'conversations'; url: string; count: number; concurrency: number };

export interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface PacedResult {
  kind: 'paced';
  requests: number;
  ok: number;
  errors: number;
  /** 200s whose body was not a JSON array with at least one reply. */
  emptyOrBad: number;
  statuses: Record<string, number>;
  latency: Latency;
  /** Sends that left more than 50 ms after their slot (the previous answer was late). */
  lateSends: number;
  seconds: number;
  clientCpuMs: number;
}

export interface FloodResult {
  kind: 'flood';
  requests: number;
  /** Requests answered including the warm-up (for CPU per request). */
  allRequests: number;
  errors: number;
  statuses: Record<string, number>;
  rps: number;
  latency: Latency;
  seconds: number;
  clientCpuMs: number;
}

export interface PairResult {
  kind: 'pair';
  /** All the bot's rounds together. */
  bot: FloodResult;
  /** All the bare server's rounds together. */
  bare: FloodResult;
  /** Requests per second of each round. */
  rounds: { bot: number; bare: number }[];
}

export interface WsResult {
  kind: 'ws';
  users: number;
  connected: number;
  sent: number;
  /** Messages that got a reply batch (a typing frame followed by at least one message frame). */
  answered: number;
  replyFrames: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  errorFrames: number;
  timeouts: number;
  latency: Latency;
  seconds: number;
  clientCpuMs: number;
  /** First few problems found, for the report. */
  problems: string[];
}

/** One-message conversations: a new id each (POST /api/session), then one webhook message. */
export interface ConversationsResult {
  kind: 'conversations';
  count: number;
  failed: number;
  seconds: number;
}

/** Users talking while an instance is killed with -9: a message that got no answer is sent again to the next instance, as the widget does. */
export interface FailoverResult {
  kind: 'failover';
  users: number;
  /** Messages answered 200 (acknowledged). */
  acked: number;
  /** Acknowledged messages missing from the transcript afterwards: must be 0. */
  lost: number;
  /** Acknowledged messages whose transcript no instance could show afterwards (none answered). */
  unchecked: number;
  /** Sends that failed (connection refused or cut, 503) and were sent again. */
  resent: number;
  /** Messages never acknowledged before the time was up. */
  unanswered: number;
  seconds: number;
}

export type LoadResult = PacedResult | FloodResult | PairResult | WsResult | ConversationsResult | FailoverResult;

export type ToLoad = { type: 'task'; id: number; task: LoadTask } | { type: 'exit' };
/** `sending`: a task's users have their ids and start sending now (the bench kills an instance a set time after it). */
export type FromLoad =
  | { type: 'result'; id: number; result: LoadResult }
  | { type: 'failed'; id: number; error: string }
  | { type: 'progress'; text: string }
  | { type: 'sending'; id: number };

/** Percentiles (nearest rank) of a list of milliseconds. */
export function latency(samples: number[]): Latency {
  if (samples.length === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN };
  const s = Float64Array.from(samples).sort();
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
}

/** Resident set size and its peak (kB) of a process, from /proc; undefined off Linux. */
export function memoryOf(pid: number): { rssKb: number; peakKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) a process has used, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** CPU time (ms) of this process plus its children that have exited, from /proc/self/stat. */
export function selfAndReapedCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / 100; // utime stime cutime cstime
  } catch {
    return NaN;
  }
}

/** CPU time (ms) the whole machine has been busy (all cores; idle and iowait excluded), from /proc/stat. */
export function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = v.reduce((a, b, i) => (i === 3 || i === 4 || i >= 8 ? a : a + b), 0); // user nice system irq softirq steal
    return (busy * 1000) / 100;
  } catch {
    return NaN;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A ticket sink that opens nothing durable, for timing `turn()` alone (the scripted paths never ask for a person). */
export class MemoryTickets implements TicketSink {
  open(): Promise<OpenedTicket> {
    return Promise.resolve({ id: 'T-0000000000', position: 1, created: true });
  }
  status(): Promise<TicketState | undefined> {
    return Promise.resolve(undefined);
  }
  cancel(): Promise<void> {
    return Promise.resolve();
  }
}
