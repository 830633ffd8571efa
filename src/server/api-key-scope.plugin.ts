import type { ApolloServerPlugin } from '@apollo/server';
import { API_KEY_SCOPE_HEADER, SAFELIST_SCOPE } from '../auth/api-key-scope';
import type { RequestContext } from '../context';

/** Says on each answer to a key restricted to the safelist that it is (auth/api-key-scope.ts). */
export const apiKeyScopePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (contextValue.viewer.safelistOnly) response.http.headers.set(API_KEY_SCOPE_HEADER, SAFELIST_SCOPE);
      },
    };
  },
};
