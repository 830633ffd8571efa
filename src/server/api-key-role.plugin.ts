import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';

/**
 * Names the role of the key a request presented, on content's answer: the gateway learns a key's
 * role from its key check (gateway/api-key.plugin.ts) for the rate limits, and needs no database.
 */
export const API_KEY_ROLE_HEADER = 'x-api-key-role';

export const apiKeyRolePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const { role } = contextValue.viewer;
        if (role !== 'anonymous') response.http.headers.set(API_KEY_ROLE_HEADER, role);
      },
    };
  },
};
