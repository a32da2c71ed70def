/** State of the reviewer's sidebar: scorecard choice, draft (persisted), live score, outbox, write-back, history. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CalibrationSession } from '../../core/calibration.ts';
import type { Evaluation } from '../../core/evaluation.ts';
import type { TicketMetrics } from '../../core/metrics.ts';
import type { ScoreResult } from '../../core/scoring.ts';
import { isTransient, ok, type ServiceError } from '../api/result.ts';
import type { PublishedScorecard } from '../api/wire.ts';
import { useAsync } from '../ui/use-async.ts';
import { useZaf } from '../zaf/use-zaf.tsx';
import { calibrationFields, isCalibration, markSubmitted, standingReview, waitingSession } from './calibration.ts';
import { createDraftStore, draftSlot, type Draft } from './draft-store.ts';
import { createDraftSync, type DraftSyncState } from './draft-sync.ts';
import {
  adaptDraft,
  applyEdit,
  draftFromEvaluation,
  liveScore,
  newDraft,
  problems,
  toAnswers,
  type FormEdit,
  type Problem,
} from './form.ts';
import { newUuid } from './ids.ts';
import { loadTicketNumbers, versionLookup, type SidebarModel } from './load.ts';
import { createOutbox, type OutboxEntry } from './outbox.ts';
import { browserStorage, storagePersists } from './use-sidebar.ts';
import { writeBack, type WriteBackOutcome } from './write-back.ts';

export type Submission =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'queued'; error: ServiceError }
  | { phase: 'failed'; error: ServiceError }
  | { phase: 'done'; evaluation: Evaluation; amended: boolean; writeBack: WriteBackOutcome | null };

export interface ReviewerState {
  card: PublishedScorecard | null;
  choose(scorecardId: string): void;
  draft: Draft;
  edit(e: FormEdit): void;
  /** Whether the service has the draft: saved, saving, unsaved (kept here, retried), conflict, refused. */
  draftState: DraftSyncState;
  /** Another tab or device saved the draft first: keep this copy, or take that one. */
  keepMyDraft(): void;
  takeOtherDraft(): void;
  /** false when the browser blocks storage for the app: drafts and the outbox last only while the ticket is open. */
  persistent: boolean;
  score: ScoreResult | null;
  metrics: TicketMetrics | null | 'loading';
  problems: Problem[];
  /** Shown after a submit attempt was refused locally. */
  showProblems: boolean;
  submit(): Promise<void>;
  submission: Submission;
  outbox: OutboxEntry[];
  /** Evaluations of this ticket the background instance holds until the service has them (they outlive the ticket). */
  held: OutboxEntry[];
  retry(id: string): void;
  evaluations: Evaluation[];
  startEdit(e: Evaluation): void;
  cancelEdit(): void;
  withdraw(e: Evaluation): Promise<ServiceError | null>;
  /** Puts a changed evaluation (e.g. a resolved dispute) in place of the listed one. */
  replaceEvaluation(e: Evaluation): void;
  scoreAgain(): void;
  cardFor(e: Evaluation): PublishedScorecard | undefined;
  /** Open calibration sessions on this ticket the reviewer is invited to; `submitted` follows their sends. */
  sessions: CalibrationSession[];
  /** The session the draft scores, or null for an ordinary review. */
  calibration: CalibrationSession | null;
  /** Score that session (its scorecard version, blind); false when its version is unknown here. */
  scoreCalibration(sessionId: string): boolean;
  /** Back to an ordinary review of the ticket (the calibration draft stays saved). */
  leaveCalibration(): void;
}

export function useReviewer(model: SidebarModel): ReviewerState {
  const { zaf } = useZaf();
  const { ticket, user, service, applicable } = model;
  const storage = useMemo(browserStorage, []);
  const persistent = useMemo(storagePersists, []);
  const [draftState, setDraftState] = useState<DraftSyncState>({ kind: 'idle' });
  // the service's copy counts; the device's storage is a cache where the browser allows it
  const drafts = useMemo(
    () =>
      createDraftSync({
        ticketId: ticket.id,
        cache: createDraftStore(storage, { account: model.account, userId: user.id }),
        remote: service,
        initial: model.data.drafts ?? [],
        stored: model.data.evaluations,
        onState: setDraftState,
      }),
    [storage, model.account, user.id, ticket.id, service, model.data],
  );
  useEffect(() => {
    setDraftState(drafts.state());
    // a closing sidebar sends what is still waiting
    const away = () => void drafts.flush();
    addEventListener('pagehide', away);
    return () => {
      removeEventListener('pagehide', away);
      void drafts.flush();
      drafts.dispose();
    };
  }, [drafts]);
  const lookup = useMemo(() => versionLookup(model.data), [model.data]);

  const fresh = useCallback(
    (card: PublishedScorecard | undefined): Draft => {
      const saved = card && drafts.load(ticket.id, card.id);
      if (saved && card) return saved.amends ? saved : adaptDraft(saved, card);
      return newDraft(card ?? { id: '', version: 0 }, newUuid(), ticket.assigneeId);
    },
    [drafts, ticket.id, ticket.assigneeId],
  );

  // come back to the scorecard last worked on for this ticket, else the most specific one
  const [sessions, setSessions] = useState<CalibrationSession[]>(model.data.calibrationSessions ?? []);
  const calibrationDraft = useCallback(
    (session: CalibrationSession): Draft | null => {
      const sessionCard = lookup(session.scorecardId, session.version);
      if (!sessionCard) return null;
      const saved = drafts.load(ticket.id, draftSlot({ scorecardId: session.scorecardId, calibrationSessionId: session.id }));
      return saved ?? { ...newDraft(sessionCard, newUuid(), ticket.assigneeId), calibrationSessionId: session.id };
    },
    [lookup, drafts, ticket.id, ticket.assigneeId],
  );

  const [draft, setDraft] = useState<Draft>(() => {
    // a session waiting for this reviewer comes first: it is why a lead sent them to this ticket
    const waiting = waitingSession(sessions, user.id);
    const calibration = waiting && calibrationDraft(waiting);
    if (calibration) return calibration;
    const latest = drafts.latest(ticket.id);
    if (latest && !latest.calibrationSessionId && (latest.amends || applicable.some((c) => c.id === latest.scorecardId)))
      return fresh(lookup(latest.scorecardId, latest.scorecardVersion) ?? applicable.find((c) => c.id === latest.scorecardId));
    return fresh(applicable[0]);
  });
  const fixedVersion = draft.amends || draft.calibrationSessionId;
  const card =
    (fixedVersion ? lookup(draft.scorecardId, draft.scorecardVersion) : applicable.find((c) => c.id === draft.scorecardId)) ?? null;
  const calibration = (draft.calibrationSessionId && sessions.find((s) => s.id === draft.calibrationSessionId)) || null;

  const [numbers] = useAsync(() => loadTicketNumbers(zaf, ticket.id, ticket.csat).then(ok), [zaf, ticket.id, ticket.csat]);
  const metrics: TicketMetrics | null | 'loading' =
    numbers.status === 'loading' ? 'loading' : numbers.status === 'ok' ? numbers.value : null;
  const known = metrics === 'loading' ? null : metrics;

  const [evaluations, setEvaluations] = useState<Evaluation[]>(model.data.evaluations);
  const [submission, setSubmission] = useState<Submission>({ phase: 'idle' });
  const [showProblems, setShowProblems] = useState(false);
  const current = useRef(draft);
  current.current = draft;

  /**
   * The service has it (sent from here, or by the background instance, which then wrote the fields itself): clear
   * the draft, show it, write the ticket's fields.
   */
  const delivered = useRef((_entry: OutboxEntry, _evaluation: Evaluation, _fields: WriteBackOutcome | null | undefined) => {});
  delivered.current = (entry, evaluation, fieldsDone) => {
    const sessionId = entry.op === 'create' ? entry.body.calibrationSessionId : undefined;
    drafts.clear(entry.ticketId, draftSlot({ scorecardId: entry.scorecardId, calibrationSessionId: sessionId }));
    setHeld((list) => list.filter((e) => e.id !== entry.id));
    const here = entry.ticketId === ticket.id;
    if (here) setEvaluations((list) => [evaluation, ...list.filter((e) => e.id !== evaluation.id)]);
    if (sessionId) setSessions((list) => markSubmitted(list, sessionId, evaluation.reviewerId));
    const mine = current.current.evaluationId === entry.id;
    // a calibration score is not a review of the agent's work: the ticket's fields never show it
    const fields =
      fieldsDone !== null
        ? Promise.resolve(fieldsDone ?? null)
        : isCalibration(evaluation)
          ? null
          : writeBack(zaf, entry.ticketId, evaluation, {
              enabled: model.writeBack,
              fields: model.fields,
              // another ticket's stamp is unknown here: write-back reads it first
              updatedAt: here ? ticket.updatedAt : null,
            }).catch((error: unknown): WriteBackOutcome => ({ status: 'failed', httpStatus: 0, message: String(error) }));
    if (mine) {
      setSubmission({ phase: 'done', evaluation, amended: entry.op === 'amend', writeBack: null });
      // the edit is saved: the sidebar is no longer editing it (the result's Edit starts again from what was saved)
      if (entry.op === 'amend') setDraft(newDraft(applicable[0] ?? { id: '', version: 0 }, newUuid(), ticket.assigneeId));
      void fields?.then((outcome) =>
        setSubmission((s) => (s.phase === 'done' && s.evaluation.id === evaluation.id ? { ...s, writeBack: outcome } : s)),
      );
    }
  };

  // the background instance: it holds what cannot be delivered yet, beyond this ticket's life
  const [held, setHeld] = useState<OutboxEntry[]>([]);
  const background = useMemo(
    () =>
      import('./background-link.ts')
        .then(
          (m) => m.linkBackground(zaf),
          () => null,
        )
        .catch(() => null),
    [zaf],
  );
  const [linked] = useAsync(() => background.then(ok), [background]);
  const link = linked.status === 'ok' ? linked.value : null;
  // what it already holds for this ticket (from an earlier sidebar); from then on this sidebar keeps `held` up to date
  const [listed] = useAsync(link ? () => link.list(ticket.id).then(ok) : null, [link, ticket.id]);
  useEffect(() => {
    if (listed.status === 'ok' && listed.value) setHeld(listed.value);
  }, [listed]);
  useEffect(
    () =>
      link?.onSent((sent) => {
        const entry = heldRef.current.find((e) => e.id === sent.entryId);
        if (entry) delivered.current(entry, sent.evaluation, sent.writeBack);
      }),
    [link],
  );
  const heldRef = useRef(held);
  heldRef.current = held;

  /** Gives a waiting entry to the background; true once it said it holds it. */
  const handOver = useCallback(
    async (id: string): Promise<boolean> => {
      const link = await background;
      const entry = outbox.entries().find((e) => e.id === id);
      if (!link || !entry) return false;
      if (!(await link.hold({ entry, writeBack: { enabled: model.writeBack, fields: model.fields } }))) return false;
      outbox.remove(id);
      setHeld((list) => [...list.filter((e) => e.id !== id), entry]);
      return true;
    },
    [background, model.writeBack, model.fields],
  );

  const [outboxEntries, setOutboxEntries] = useState<OutboxEntry[]>([]);
  const outbox = useMemo(
    () =>
      createOutbox({
        storage,
        scope: { account: model.account, userId: user.id },
        service,
        onChange: setOutboxEntries,
        onSent: (entry, evaluation) => delivered.current(entry, evaluation, null),
      }),
    [storage, model.account, user.id, service],
  );
  useEffect(() => {
    setOutboxEntries(outbox.entries());
    void outbox.flush();
    const online = () => void outbox.flush();
    addEventListener('online', online);
    return () => {
      removeEventListener('online', online);
      outbox.dispose();
    };
  }, [outbox]);

  const edit = useCallback(
    (e: FormEdit) => {
      setDraft((d) => {
        const next = applyEdit(d, e);
        if (next.scorecardId) drafts.save(ticket.id, next);
        return next;
      });
      setSubmission((s) => (s.phase === 'done' || s.phase === 'failed' ? { phase: 'idle' } : s));
    },
    [drafts, ticket.id],
  );

  const choose = useCallback(
    (id: string) => {
      const next = fresh(applicable.find((c) => c.id === id));
      setDraft(next);
      setShowProblems(false);
      setSubmission({ phase: 'idle' });
    },
    [fresh, applicable],
  );

  const found = useMemo(() => (card ? problems(card.definition, draft) : []), [card, draft]);
  const score = useMemo(() => (card ? liveScore(card.definition, draft, known) : null), [card, draft, known]);

  const submit = useCallback(async () => {
    if (!card || submission.phase === 'sending') return;
    if (found.length > 0 || !(draft.revieweeId ?? ticket.assigneeId)) {
      setShowProblems(true);
      return;
    }
    setShowProblems(false);
    setSubmission({ phase: 'sending' });
    const answers = toAnswers(card.definition, draft, known);
    const revieweeId = draft.revieweeId ?? ticket.assigneeId;
    const base = { id: draft.evaluationId, ticketId: ticket.id, scorecardId: card.id };
    const result = draft.amends
      ? await outbox.submit({
          ...base,
          op: 'amend',
          target: draft.amends,
          body: {
            answers,
            overallComment: draft.overallComment,
            ...(revieweeId ? { revieweeId } : {}),
            // the version read when editing started: a change by someone else since is refused (409), not overwritten
            lockVersion: draft.amendsLockVersion ?? evaluations.find((e) => e.id === draft.amends)?.lockVersion ?? 1,
          },
        })
      : await outbox.submit({
          ...base,
          op: 'create',
          body: {
            id: draft.evaluationId,
            ticketId: ticket.id,
            revieweeId: revieweeId!,
            scorecardId: card.id,
            scorecardVersion: card.version,
            answers,
            overallComment: draft.overallComment,
            channel: ticket.channel,
            groupId: ticket.groupId,
            brandId: ticket.brandId,
            ...(known ? { metrics: { ...known } } : {}),
            ...calibrationFields(draft),
          },
        });
    if (result.status === 'error') {
      if (!isTransient(result.error.kind)) return setSubmission({ phase: 'failed', error: result.error });
      setSubmission({ phase: 'queued', error: result.error });
      // the background outlives this ticket: it keeps trying after the ticket is closed
      if (await handOver(draft.evaluationId)) setSubmission((s) => (s.phase === 'queued' ? { phase: 'idle' } : s));
    }
  }, [card, submission.phase, found, draft, known, ticket, outbox, evaluations, handOver]);

  const startNew = useCallback(() => {
    const next = newDraft(applicable[0] ?? { id: '', version: 0 }, newUuid(), ticket.assigneeId);
    setDraft(next);
    setShowProblems(false);
  }, [applicable, ticket.assigneeId]);

  const startEdit = useCallback((e: Evaluation) => {
    const next = draftFromEvaluation(e, newUuid());
    setDraft(next);
    setSubmission({ phase: 'idle' });
  }, []);

  const cancelEdit = useCallback(() => {
    drafts.clear(ticket.id, draft.scorecardId);
    startNew();
    setSubmission({ phase: 'idle' });
  }, [drafts, ticket.id, draft.scorecardId, startNew]);

  const withdraw = useCallback(
    async (e: Evaluation) => {
      const r = await service.withdrawEvaluation(e.id);
      if (r.status === 'error') return r.error;
      const rest = evaluations.filter((x) => x.id !== e.id);
      setEvaluations(rest);
      // the fields show the latest review still standing, or nothing; a calibration score never was in them
      if (isCalibration(e)) return null;
      void writeBack(zaf, ticket.id, standingReview(rest), { enabled: model.writeBack, fields: model.fields, updatedAt: null }).catch(
        () => undefined,
      );
      return null;
    },
    [service, evaluations, zaf, ticket.id, model.writeBack, model.fields],
  );

  return {
    card,
    choose,
    draft,
    edit,
    draftState,
    keepMyDraft: () => drafts.keepMine(),
    takeOtherDraft: () => {
      // their copy, or (submitted or discarded elsewhere) a fresh start
      const theirs = drafts.takeTheirs();
      setDraft(theirs ?? fresh(applicable.find((c) => c.id === draft.scorecardId) ?? applicable[0]));
      setShowProblems(false);
    },
    persistent,
    score,
    metrics,
    problems: found,
    showProblems,
    submit,
    submission,
    outbox: outboxEntries,
    held,
    retry: (id) => void outbox.retry(id),
    evaluations,
    startEdit,
    cancelEdit,
    withdraw,
    replaceEvaluation: (e) => setEvaluations((list) => list.map((x) => (x.id === e.id ? e : x))),
    scoreAgain: () => {
      startNew();
      setSubmission({ phase: 'idle' });
    },
    cardFor: (e) => lookup(e.scorecardId, e.scorecardVersion),
    sessions,
    calibration,
    scoreCalibration: (id) => {
      const session = sessions.find((s) => s.id === id);
      const next = session && calibrationDraft(session);
      if (!next) return false;
      setDraft(next);
      setShowProblems(false);
      setSubmission({ phase: 'idle' });
      return true;
    },
    leaveCalibration: () => {
      if (applicable[0]) choose(applicable[0].id);
      else startNew();
    },
  };
}
