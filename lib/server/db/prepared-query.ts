// A query on the process's pg pool as a named statement: each connection parses and plans it
// once (PostgreSQL keeps a generic plan after a few runs) instead of at every call, which for the
// message write path's one big statement was a third of PostgreSQL's CPU per commit.
//
// Not on the embedded PGlite: pglite-socket runs every connection on one backend, so a name
// prepared by one pool connection already exists for the next ("prepared statement … already
// exists"). There the same text runs unnamed, as before.
import type pg from "pg";
import { pgPool } from "./client";

const sharesOneBackend = new WeakMap<pg.Pool, Promise<boolean>>();

function isSharedBackend(pool: pg.Pool): Promise<boolean> {
  let known = sharesOneBackend.get(pool);
  if (!known) {
    known = pool
      .query<{ pglite: boolean }>("SELECT version() LIKE '%PGlite%' AS pglite")
      .then((r) => r.rows[0]?.pglite === true);
    // A failed probe (database down) is asked again next time.
    known.catch(() => sharesOneBackend.delete(pool));
    sharesOneBackend.set(pool, known);
  }
  return known;
}

export async function preparedQuery<Row extends pg.QueryResultRow>(
  name: string,
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<Row>> {
  const pool = pgPool();
  if (await isSharedBackend(pool)) return pool.query<Row>(text, values);
  return pool.query<Row>({ name, text, values });
}
