/**
 * After the service has an evaluation, its score and result go to the ticket's QA fields (README, *Ticket fields*):
 * safe_update against the ticket's updated_at (409: re-read and retry once), Retry-After on 429 (bounded),
 * and a closed ticket (422) reported plainly: the service stays the system of record.
 */
import { ZafRequestError, type ZafPort } from '../zaf/port.ts';

export type QaResultValue = 'qa_pass' | 'qa_fail' | 'qa_critical_fail';

export interface WriteBackFields {
  scoreFieldId: number | null;
  resultFieldId: number | null;
}

export interface ScoredEvaluation {
  finalScore: number | null;
  passed: boolean | null;
  criticalFailures: readonly string[];
}

export type WriteBackOutcome =
  | { status: 'updated'; updatedAt: string | null }
  | { status: 'skipped'; reason: 'disabled' | 'no-fields' }
  | { status: 'fields-not-updated-closed' }
  | { status: 'failed'; httpStatus: number; message: string };

/** Paths for the one `client.get` on load. */
export const REQUIREMENT_PATHS = ['requirement:qa_score', 'requirement:qa_result'] as const;

export const resultValue = (e: ScoredEvaluation): QaResultValue =>
  e.criticalFailures.length > 0 ? 'qa_critical_fail' : e.passed ? 'qa_pass' : 'qa_fail';

const positiveId = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
};

const requirementId = (v: unknown): number | null =>
  typeof v === 'object' && v !== null ? positiveId((v as { requirement_id?: unknown }).requirement_id) : null;

/** Installed requirements first; settings cover local development, where requirements are not created. */
export function fieldIdsFrom(values: Record<string, unknown>, settings: Record<string, unknown>): WriteBackFields {
  return {
    scoreFieldId: requirementId(values['requirement:qa_score']) ?? positiveId(settings.scoreFieldId),
    resultFieldId: requirementId(values['requirement:qa_result']) ?? positiveId(settings.resultFieldId),
  };
}

/** The checkbox arrives as a boolean, or as a string from some hosts; unset means on (manifest default). */
export const writeBackEnabled = (settings: Record<string, unknown>): boolean =>
  settings.writeBack === undefined || settings.writeBack === null ? true : settings.writeBack === true || settings.writeBack === 'true';

export interface WriteBackOptions {
  enabled: boolean;
  fields: WriteBackFields;
  /** The ticket's updated_at as the sidebar saw it; read from the API when missing. */
  updatedAt?: string | null;
  sleep?: (ms: number) => Promise<void>;
  /** How many 429s to wait out before giving up. */
  maxRateLimitWaits?: number;
  /** Never wait longer than this for one Retry-After (seconds). */
  maxRetryAfterSeconds?: number;
}

const CLOSED = /closed prevents ticket update/i;

/** `evaluation` null clears both fields (the ticket's last evaluation was withdrawn). */
export async function writeBack(
  zaf: ZafPort,
  ticketId: number,
  evaluation: ScoredEvaluation | null,
  options: WriteBackOptions,
): Promise<WriteBackOutcome> {
  if (!options.enabled) return { status: 'skipped', reason: 'disabled' };
  const { scoreFieldId, resultFieldId } = options.fields;
  const customFields = [
    ...(scoreFieldId
      ? [{ id: scoreFieldId, value: evaluation?.finalScore == null ? null : Math.round(evaluation.finalScore * 100) / 100 }]
      : []),
    ...(resultFieldId ? [{ id: resultFieldId, value: evaluation ? resultValue(evaluation) : null }] : []),
  ];
  if (customFields.length === 0) return { status: 'skipped', reason: 'no-fields' };

  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxWaits = options.maxRateLimitWaits ?? 3;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 120;
  const url = `/api/v2/tickets/${ticketId}.json`;

  async function readUpdatedAt(): Promise<string | null> {
    const res = await zaf.request<{ ticket?: { updated_at?: unknown } }>({ url, type: 'GET' });
    const stamp = res.responseJSON?.ticket?.updated_at;
    return typeof stamp === 'string' ? stamp : null;
  }

  let stamp = options.updatedAt ?? null;
  let conflicts = 0;
  let waits = 0;
  for (;;) {
    try {
      if (stamp === null) stamp = await readUpdatedAt();
      const ticket = { custom_fields: customFields, safe_update: true, ...(stamp ? { updated_stamp: stamp } : {}) };
      const res = await zaf.request<{ ticket?: { updated_at?: unknown } }>({
        url,
        type: 'PUT',
        contentType: 'application/json',
        data: JSON.stringify({ ticket }),
      });
      const updatedAt = res.responseJSON?.ticket?.updated_at;
      return { status: 'updated', updatedAt: typeof updatedAt === 'string' ? updatedAt : null };
    } catch (reason) {
      if (!(reason instanceof ZafRequestError)) throw reason;
      if (reason.status === 409 && conflicts < 1) {
        // someone saved the ticket since we read it: re-read its stamp and try once more
        conflicts++;
        stamp = null;
        continue;
      }
      if (reason.status === 429 && waits < maxWaits) {
        waits++;
        const seconds = Number(reason.header('retry-after'));
        await sleep(1000 * Math.min(maxRetryAfter, Number.isFinite(seconds) && seconds > 0 ? seconds : 1));
        continue;
      }
      if (reason.status === 422 && CLOSED.test(reason.responseText)) return { status: 'fields-not-updated-closed' };
      return { status: 'failed', httpStatus: reason.status, message: reason.responseText.slice(0, 300) };
    }
  }
}
