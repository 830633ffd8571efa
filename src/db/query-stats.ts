import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { logger } from '../logger';
import { databaseFault } from './database-faults';

export interface QueryStats {
  sqlStatements: number;
}

const storage = new AsyncLocalStorage<QueryStats>();

/** Runs `fn` with a fresh statement counter; every SQL statement it causes, however deep, counts. */
export function withQueryStats<T>(fn: () => T): T {
  return storage.run({ sqlStatements: 0 }, fn);
}

export function currentQueryStats(): QueryStats | undefined {
  return storage.getStore();
}

/** For statements sent around TypeORM (db.ts's PostgreSQL reads), which its logger never sees. */
export function countStatement(): void {
  const stats = storage.getStore();
  if (stats) stats.sqlStatements += 1;
}

/**
 * TypeORM calls `logQuery` for every statement any query runner sends (repositories, query
 * builders and raw queries alike), so counting here sees what the database sees.
 */
export class StatementCountingLogger extends AbstractLogger {
  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    countStatement();
    super.logQuery(query, parameters, queryRunner);
  }

  /**
   * A statement that failed because the database cannot serve (down, locked, read-only) is the
   * service's to report, once per outage (database-availability.ts), not once per statement.
   */
  override logQueryError(error: string, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    // Typed as a string; the drivers pass the error itself.
    if (databaseFault(error as unknown)) return;
    super.logQueryError(error, query, parameters, queryRunner);
  }

  /** TypeORM warns once per pooled connection that the server dropped: the outage is logged once instead. */
  override log(level: 'log' | 'info' | 'warn', message: unknown, queryRunner?: QueryRunner): void {
    if (level === 'warn' && typeof message === 'string' && message.startsWith('Postgres pool raised an error')) {
      logger.debug({ message }, 'database connection closed by the server');
      return;
    }
    super.log(level, message, queryRunner);
  }

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const entry of Array.isArray(message) ? message : [message]) {
      const line = { type: entry.type, message: entry.message, parameters: entry.parameters };
      if (level === 'error') logger.error(line, 'database error');
      else if (level === 'warn') logger.warn(line, 'database warning');
      else logger.debug(line, 'database');
    }
  }
}
