// the devhost's generated data draws from core's seeded generator (same seed, same data)
export { seededRandom } from '../core/random.ts';
