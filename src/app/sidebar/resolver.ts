/** The service call the resolve form needs; kept apart from resolve-view.tsx so the reviewer view can ask without loading the form. */
import type { z } from 'zod';
import type { DisputeResolution, Evaluation } from '../../core/evaluation.ts';
import type { Result } from '../api/result.ts';

export type DisputeResolutionBody = z.input<typeof DisputeResolution>;

/** `POST /evaluations/{id}/resolve` (ServiceClient.resolveDispute). */
export interface DisputeResolver {
  resolveDispute(id: string, body: DisputeResolutionBody): Promise<Result<Evaluation>>;
}

/** The service client when it can resolve disputes; null for a client without the call (the form is then not offered). */
export function resolverOf(service: object): DisputeResolver | null {
  const s = service as Partial<DisputeResolver>;
  return typeof s.resolveDispute === 'function' ? (s as DisputeResolver) : null;
}
