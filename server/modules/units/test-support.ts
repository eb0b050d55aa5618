import type { Db } from '../../db/client.js';
import * as repo from './repo.js';

// Shared by every domain's tests; re-exported for the tests that import them from here.
export { headersFor, multipart } from '../../test/http.js';

let seq = 0;
/** A hamlet written straight to the database (fixtures for tests that are not about creating hamlets). */
export async function insertHamlet(db: Db, communeCode: string, name = `Thử ${seq + 1}`) {
  seq += 1;
  const [commune] = await repo.findUnitsByCodes(db, [communeCode]);
  // Not `-NNN`: fixtures must not move the numbering of hamlets created through the API.
  const code = `${communeCode}-t${seq}`;
  const [row] = await repo.insertUnitRows(db, [
    {
      code,
      parentCode: communeCode,
      level: 'hamlet',
      kind: 'thon',
      name,
      fullName: `Thôn ${name}`,
      path: `${commune.path}/${code}`,
      provinceCode: commune.provinceCode,
    },
  ]);
  return row;
}
