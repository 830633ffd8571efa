import type { ApolloServerPlugin } from '@apollo/server';
import { API_KEY_ROLE_HEADER, API_KEY_SCOPE_HEADER, SAFELIST_SCOPE } from '../auth/api-key-scope';
import type { RequestContext } from '../context';

/** Names, on each answer to a key, its role and whether it is restricted to the safelist (auth/api-key-scope.ts). */
export const apiKeyHeadersPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const { role, safelistOnly } = contextValue.viewer;
        if (role === 'anonymous') return;
        response.http.headers.set(API_KEY_ROLE_HEADER, role);
        if (safelistOnly) response.http.headers.set(API_KEY_SCOPE_HEADER, SAFELIST_SCOPE);
      },
    };
  },
};
