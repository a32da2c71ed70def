/** The service's staff directory: names from the synced Zendesk users and groups (decision 028). */
import { peopleDirectory } from '../../core/contract/people.ts';
import type { PeopleDirectory } from '../../core/synced-population.ts';
import { contractCall } from './contract-call.ts';
import type { Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

export interface PeopleApi {
  directory(): Promise<Result<PeopleDirectory>>;
}

export function createPeopleApi(send: ServiceCall): PeopleApi {
  const call = contractCall(send);
  return { directory: () => call(peopleDirectory) };
}
