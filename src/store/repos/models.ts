import type { TrainingExample } from '../../nlu/training.js';
import { FiguresSchema, LearnedSchema, type TrainingFigures } from '../../review/types.js';
import type { Sql } from '../sql.js';

/** A model version: who made it when, how many learned examples it holds, what its apply measured. Version 0 is `intents/` alone. */
export interface ModelVersion {
  version: number;
  at: number;
  agent: string;
  active: boolean;
  examples: number;
  figures: TrainingFigures | null;
}

/** One training run (an apply, accepted or not, or a rollback), for the record and for `GET /agent/api/training`. */
export interface TrainingRun {
  at: number;
  agent: string;
  kind: 'apply' | 'rollback';
  result: 'applied' | 'refused' | 'failed' | 'rolled_back';
  version: number | null;
  figures: TrainingFigures | null;
}

const figuresOf = (json: string | null): TrainingFigures | null => (json ? FiguresSchema.nullable().catch(null).parse(JSON.parse(json)) : null);

/**
 * Model versions and their learned examples. The shipped `intents/` files stay
 * the base; a version is the whole set of examples learned on top of them (a
 * new version copies the active one's and adds the applied items), so any
 * version can be rebuilt, by any instance, from the database alone.
 */
export class ModelRepo {
  constructor(private readonly sql: Sql) {}

  /** The active version (0 when nothing was ever applied). */
  async active(): Promise<number> {
    return Number((await this.sql.get<{ version: number }>('SELECT version FROM model_versions WHERE active = 1'))?.version ?? 0);
  }

  /** Whether a version exists. */
  async exists(version: number): Promise<boolean> {
    return !!(await this.sql.get('SELECT 1 AS x FROM model_versions WHERE version = ?', [version]));
  }

  /** Versions, newest first. */
  async versions(limit = 50): Promise<ModelVersion[]> {
    const rows = await this.sql.all<{ version: number; created_at: number; agent: string; active: number; figures: string | null; examples: number }>(
      `SELECT v.version, v.created_at, v.agent, v.active, v.figures, (SELECT COUNT(*) FROM model_examples e WHERE e.version = v.version) AS examples
       FROM model_versions v ORDER BY v.version DESC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({
      version: Number(r.version),
      at: Number(r.created_at),
      agent: r.agent,
      active: Number(r.active) === 1,
      examples: Number(r.examples),
      figures: figuresOf(r.figures),
    }));
  }

  /** A version's learned examples, in the order they were learned. */
  async examples(version: number): Promise<TrainingExample[]> {
    const rows = await this.sql.all<unknown>('SELECT text, intent, lang FROM model_examples WHERE version = ? ORDER BY id', [version]);
    return rows.map((r) => LearnedSchema.parse(r));
  }

  /** Creates the next version with these learned examples (not yet active) and returns its number. */
  async create(v: { agent: string; at: number; examples: readonly TrainingExample[]; figures: TrainingFigures }): Promise<number> {
    const last = await this.sql.get<{ v: number | null }>('SELECT MAX(version) AS v FROM model_versions');
    const version = Number(last?.v ?? 0) + 1;
    await this.sql.run('INSERT INTO model_versions (version, created_at, agent, active, figures) VALUES (?, ?, ?, 0, ?)', [
      version,
      v.at,
      v.agent,
      JSON.stringify(v.figures),
    ]);
    for (const e of v.examples)
      await this.sql.run('INSERT INTO model_examples (version, text, intent, lang) VALUES (?, ?, ?, ?)', [version, e.text, e.intent, e.lang]);
    return version;
  }

  /** Makes a version the active one (the one every instance trains on). */
  async activate(version: number): Promise<void> {
    await this.sql.run('UPDATE model_versions SET active = 0 WHERE active = 1 AND version <> ?', [version]);
    await this.sql.run('UPDATE model_versions SET active = 1 WHERE version = ?', [version]);
  }

  /** Records a training run. */
  async addRun(run: TrainingRun): Promise<void> {
    await this.sql.run('INSERT INTO training_runs (at, agent, kind, result, version, figures) VALUES (?, ?, ?, ?, ?, ?)', [
      run.at,
      run.agent,
      run.kind,
      run.result,
      run.version,
      run.figures ? JSON.stringify(run.figures) : null,
    ]);
  }

  /** The latest run of a kind (the last apply, whatever its result), if any. */
  async lastRun(kind: TrainingRun['kind']): Promise<TrainingRun | undefined> {
    const row = await this.sql.get<{
      at: number;
      agent: string;
      kind: TrainingRun['kind'];
      result: TrainingRun['result'];
      version: number | null;
      figures: string | null;
    }>('SELECT at, agent, kind, result, version, figures FROM training_runs WHERE kind = ? ORDER BY id DESC LIMIT 1', [kind]);
    return row && { ...row, at: Number(row.at), version: row.version === null ? null : Number(row.version), figures: figuresOf(row.figures) };
  }
}
