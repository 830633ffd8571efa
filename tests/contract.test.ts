import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  GraphQLSchema,
  lexicographicSortSchema,
} from 'graphql';
import { buildContentSchema } from '../src/schema';

/**
 * schema/contract.graphql is the public API promised to clients (a copy of the product's contract).
 * The served schema must contain all of it: same names and arguments, same or stricter nullability.
 * graphql-js's findBreakingChanges(contract, served) lists exactly what a client of the contract
 * would trip over.
 */
const contractText = readFileSync(join(__dirname, '..', 'schema', 'contract.graphql'), 'utf8');
// The contract names its scalars (from graphql-scalars) without declaring them.
const loadContract = (sdl: string) => buildSchema(`scalar DateTime\nscalar URL\n${sdl}`);
const contract = loadContract(contractText);
let served: GraphQLSchema;

beforeAll(async () => {
  served = lexicographicSortSchema(await buildContentSchema());
});

describe('the served schema keeps the public contract', () => {
  it('has no breaking change against the contract', () => {
    expect(findBreakingChanges(contract, served)).toEqual([]);
  });

  it('changes no argument default the contract promises', () => {
    const defaults = findDangerousChanges(contract, served).filter(
      (change) => change.type === 'ARG_DEFAULT_VALUE_CHANGE',
    );
    expect(defaults).toEqual([]);
  });

  it('would notice a field the contract promises going missing', () => {
    // Guards the guard: the same comparison against a schema lacking Article.byline must fail.
    const trimmed = loadContract(contractText.replace(/^\s*byline: \[String!\]!.*$/m, ''));
    expect(findBreakingChanges(contract, trimmed).map((change) => change.description)).toEqual([
      'Article.byline was removed.',
    ]);
  });
});
