/**
 * How content tells the gateway what a presented key may do: content owns the keys, and the
 * gateway needs to know without a database of its own. Content sets these headers on its answers
 * to a key, the gateway's key check among them (gateway/api-key.plugin.ts); the gateway passes no
 * subgraph header on to its clients.
 * - The key's role, which the gateway's rate limits count by (gateway/rate-limit.plugin.ts).
 * - Whether the key is restricted to the safelist, which the gateway enforces: it sees the client's
 *   whole operation, a subgraph only its part of the plan.
 */
export const API_KEY_ROLE_HEADER = 'x-api-key-role';
export const API_KEY_SCOPE_HEADER = 'x-api-key-scope';
export const SAFELIST_SCOPE = 'safelist';
