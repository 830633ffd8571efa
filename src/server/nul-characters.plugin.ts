import type { ApolloServerPlugin } from '@apollo/server';
import { nulCharacterError } from './nul-characters';

/** Refuses NUL characters in any variable or string literal of the operation (see nul-characters.ts). */
export const nulCharactersPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        const error = nulCharacterError(document, request.variables, { status: 400 });
        if (error) throw error;
      },
    };
  },
};
