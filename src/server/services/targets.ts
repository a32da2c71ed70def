import { randomUUID } from 'node:crypto';
import { targetProgress, type Target, type TargetCreate } from '../../core/targets.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { notFound } from '../errors.ts';
import {
  archiveTarget,
  findTarget,
  insertTarget,
  subjectSums,
  targetsOf,
  updateTarget,
  type StoredTarget,
  type TargetFilter,
} from '../store/targets.ts';
import { audit } from '../store/journal.ts';

export type { StoredTarget, TargetFilter };

const DAY = 86_400_000;

/** Progress so far (start to today, or to the due date once past) against an equally long period before. */
export async function withProgress(q: Queryable, account: string, t: StoredTarget, now: Date): Promise<Target> {
  const start = new Date(`${t.startsOn}T00:00:00Z`);
  const endOfDue = new Date(Date.parse(`${t.dueOn}T00:00:00Z`) + DAY);
  const until = now < endOfDue ? now : endOfDue;
  const length = Math.max(DAY, until.getTime() - start.getTime());
  const [current, baseline] = await Promise.all([
    subjectSums(q, account, t, start, until),
    subjectSums(q, account, t, new Date(start.getTime() - length), start),
  ]);
  return { ...t, progress: targetProgress({ metric: t.metric, value: t.value }, current, baseline, now >= endOfDue) };
}

/** The targets the filter selects, each with its progress. */
export async function targetsWithProgress(q: Queryable, account: string, f: TargetFilter, now: Date): Promise<Target[]> {
  const targets = await targetsOf(q, account, f);
  return Promise.all(targets.map((t) => withProgress(q, account, t, now)));
}

/** A live target (without its progress), or null. */
export function targetById(q: Queryable, account: string, id: string): Promise<StoredTarget | null> {
  return findTarget(q, account, id);
}

/** Each write is recorded in the audit log in its own transaction. */
export async function createTarget(db: Db, actor: Actor, body: TargetCreate, now: Date): Promise<Target> {
  const id = randomUUID();
  const saved = await db.transaction(async (tx) => {
    const t = await insertTarget(tx, actor.account, id, body, actor.userId, now);
    await audit(tx, actor, now, 'target.create', 'target', id, { ...body });
    return t;
  });
  return withProgress(db, actor.account, saved, now);
}

export async function changeTarget(db: Db, actor: Actor, id: string, body: TargetCreate, now: Date): Promise<Target> {
  const saved = await db.transaction(async (tx) => {
    if (!(await findTarget(tx, actor.account, id))) throw notFound('target');
    const t = await updateTarget(tx, actor.account, id, body, now);
    await audit(tx, actor, now, 'target.update', 'target', t.id, { ...body });
    return t;
  });
  return withProgress(db, actor.account, saved, now);
}

export async function removeTarget(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await findTarget(tx, actor.account, id))) throw notFound('target');
    await archiveTarget(tx, actor.account, id, now);
    await audit(tx, actor, now, 'target.archive', 'target', id);
  });
}
