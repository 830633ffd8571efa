/**
 * How content tells the gateway that a key is restricted to the safelist: content owns the keys,
 * and the gateway, which sees the client's whole operation (a subgraph sees only its part of the
 * plan), enforces the restriction. Content sets this header on its answers to such a key, the
 * gateway's key check among them (gateway/api-key.plugin.ts); the gateway passes no subgraph
 * header on to its clients.
 */
export const API_KEY_SCOPE_HEADER = 'x-api-key-scope';
export const SAFELIST_SCOPE = 'safelist';
