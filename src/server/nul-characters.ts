import { ASTNode, DocumentNode, GraphQLError, Kind, visit } from 'graphql';

/**
 * Text holding a NUL character (U+0000) is refused before anything runs. PostgreSQL's text types
 * cannot store it (the statement fails, which a client would see as an internal error) while SQLite
 * can, so the same request would behave differently per database; no article, name or code needs
 * it. Both the content service and the gateway check, so the error names what the client wrote:
 * the gateway renames variables when it plans the subgraph requests.
 */
export function nulCharacterError(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  /** The `http` extension each server reads for the response status. */
  http: Record<string, unknown>,
): GraphQLError | null {
  const refuse = (at: string, node?: ASTNode) =>
    new GraphQLError(`"${at}" contains a NUL character (U+0000); remove it: no text here can hold one.`, {
      nodes: node,
      extensions: { code: 'BAD_USER_INPUT', field: at, http },
    });
  for (const [name, value] of Object.entries(variables ?? {})) {
    const at = pathToNul(value, `$${name}`);
    if (at) return refuse(at);
  }
  const literal = nulInLiterals(document);
  return literal && refuse(literal.at, literal.node);
}

/**
 * Where a string written in the document holds a NUL, or null. Remembered per document: both
 * servers cache parsed documents, so an operation sent again is not walked again on every request.
 */
function nulInLiterals(document: DocumentNode): { at: string; node: ASTNode } | null {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = null;
    visit(document, {
      StringValue(node, _key, parent, _path, ancestors) {
        if (found || !node.value.includes('\u0000')) return;
        found = { at: argumentPath(parent ? [...ancestors, parent] : ancestors), node };
      },
    });
    literalsChecked.set(document, found);
  }
  return found;
}

const literalsChecked = new WeakMap<DocumentNode, { at: string; node: ASTNode } | null>();

/** The dotted path to the first string holding a NUL in a variable's JSON value, or null. */
function pathToNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // Coercion has already bounded the nesting of a valid value; this stops a hostile one early.
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const found = pathToNul(child, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** `filter.regionCode` for a string written inline in `articles(filter: { regionCode: "…" })`. */
function argumentPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const names = ancestors.flatMap((node) =>
    'kind' in node && (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) ? [node.name.value] : [],
  );
  return names.length ? names.join('.') : 'A string in the query';
}
