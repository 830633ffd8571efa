import pino from 'pino';
import { config } from './config';

export const logger = pino({ level: config.logLevel, base: { service: 'content' } });

/** The logger of another service of the stack (gateway, engagement) when it runs in this process. */
export const serviceLogger = (service: string) => pino({ level: config.logLevel, base: { service } });
