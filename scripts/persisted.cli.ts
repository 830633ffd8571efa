import { writeFileSync } from 'node:fs';
import { SAFELIST_FILE, safelistEntries } from '../src/gateway/safelist';
import { referenceOperations } from './reference-operations';

/**
 * `npm run persisted`: writes the safelist (schema/persisted-operations.json, hash → document) from
 * the reference operations. A test fails when the checked-in file is not what this writes.
 */
const entries = safelistEntries(referenceOperations());
writeFileSync(SAFELIST_FILE, `${JSON.stringify(entries, null, 2)}\n`);
process.stdout.write(`Wrote ${Object.keys(entries).length} operations to ${SAFELIST_FILE}.\n`);
