import type { Db, Queryable } from './db.js';

/**
 * Every table in our schema with a portal_id column, found in the catalog so
 * tables added by later migrations are covered without touching this file.
 */
export async function tenantTables(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT c.table_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.column_name = 'portal_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name`,
  );
  return rows.map((r) => r.table_name);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface PurgeResult {
  /** Rows deleted per table (tables with none are left out). */
  deleted: Record<string, number>;
}

/**
 * Deletes everything stored for a portal (uninstall), in one transaction.
 * With `keepPortalRow` the portal row stays, marked uninstalled, so a later
 * reinstall is recognised.
 */
export async function purgePortal(
  db: Db,
  portalId: number,
  options: { keepPortalRow?: boolean } = {},
): Promise<PurgeResult> {
  return db.transaction(async (tx) => {
    const deleted: Record<string, number> = {};
    for (const table of await tenantTables(tx)) {
      if (table === 'portals') continue;
      const { rowCount } = await tx.query(`DELETE FROM ${quoteIdent(table)} WHERE portal_id = $1`, [
        portalId,
      ]);
      if (rowCount > 0) deleted[table] = rowCount;
    }
    if (options.keepPortalRow) {
      await tx.query(
        `UPDATE portals SET install_state = 'uninstalled', uninstalled_at = now(), updated_at = now() WHERE portal_id = $1`,
        [portalId],
      );
    } else {
      const { rowCount } = await tx.query('DELETE FROM portals WHERE portal_id = $1', [portalId]);
      if (rowCount > 0) deleted.portals = rowCount;
    }
    return { deleted };
  });
}
