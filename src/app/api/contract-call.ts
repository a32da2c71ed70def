/**
 * The nav bar's calls by route contract (src/core/contract/, docs/decisions/024-app-client-from-contracts.md): the
 * request is made from the contract (service-call.ts) and the answer is checked with the contract's own response
 * schemas, the ones the service declares its route with; an answer of another shape is a server error. The ticket
 * sidebar has no room for zod and checks its answers with guards instead (service-call.ts `guardedCall`, wire.ts).
 */
import type { z } from 'zod';
import type { Contract, OutputOf } from '../../core/contract/contract.ts';
import { ok, unexpectedShape, type Result } from './result.ts';
import { request, type Args, type Parts, type ServiceCall } from './service-call.ts';

/**
 * The answer as one of the contract's success responses (2xx) reads it: parsed by its JSON schema, text (an empty
 * body, which the transport gives as null, is ''), or null where it has no body.
 */
export function answerOf<C extends Contract>(contract: C, value: unknown): Result<OutputOf<C>> {
  for (const [status, answer] of Object.entries(contract.responses)) {
    if (!/^2/.test(status)) continue;
    const json = answer.content?.['application/json']?.schema as z.ZodType | undefined;
    if (json) {
      const parsed = json.safeParse(value);
      if (parsed.success) return ok(parsed.data as OutputOf<C>);
    } else if (answer.content) {
      if (typeof value === 'string' || value === null) return ok((value ?? '') as OutputOf<C>);
    } else if (value === null) return ok(null as OutputOf<C>);
  }
  return unexpectedShape();
}

export type ContractCall = <C extends Contract>(contract: C, ...input: Args<C>) => Promise<Result<OutputOf<C>>>;

/** Calls the route of `contract` with `{ params, query, body }` and checks the answer with the contract's schemas. */
export const contractCall =
  (send: ServiceCall): ContractCall =>
  async (contract, ...[input]) => {
    const r = await send(...request(contract, input as Parts | undefined));
    return r.status === 'ok' ? answerOf(contract, r.value) : r;
  };
